"""The organs' lists for a province's thousands of units: the mandate list, the staff's and the
public list of notices and a notice's rows come a page at a time, the chosen filter kept on the
next page's link, in as many queries for many rows as for few."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.employers.models import Employer
from ablework.organs.models import NoticeStatus, PublicNotice
from tests.accounts.factories import CountyAdminFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _organ(name: str, **fields: Any) -> Employer:
    values = {"kind": "organ", "administrative_level": "prefecture", "authorised_posts": 120}
    return EmployerFactory(name=name, **{**values, **fields})


def _queries(client: Any, url: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def test_the_mandate_list_pages_on_keeping_the_filter(monkeypatch) -> None:
    monkeypatch.setattr("ablework.organs.pages.mandate.UNITS_PER_PAGE", 2)
    for n in range(4):
        _organ(f"甲{n}局")  # mandated, nobody counted: a gap of one
    _organ("乙未登记级别局", administrative_level="")
    client = signed_in(CountyAdminFactory())

    first = client.get("/organs/", {"show": "gap"}).content.decode()
    assert "甲0局" in first
    assert "甲1局" in first
    assert "甲2局" not in first
    # every unit is in the summary even though a page shows two
    assert "共 5 个单位，其中 4 个尚有缺口。" in first
    after = Employer.objects.get(name="甲1局").pk
    assert f'href="?show=gap&amp;after={after}"' in first
    second = client.get("/organs/", {"show": "gap", "after": str(after)}).content.decode()
    assert "甲2局" in second
    assert "甲3局" in second
    assert "甲1局" not in second
    assert "乙未登记级别局" not in second  # the filter held on the second page
    assert 'href="?show=gap"' in second  # back to the first page, still filtered
    assert "下一页" not in second


def test_the_mandate_list_asks_the_same_number_of_queries_for_more_units() -> None:
    client = signed_in(CountyAdminFactory())
    _organ("甲局")
    _organ("甲县局", administrative_level="county")  # the county's pooled line
    client.get("/organs/")
    few = _queries(client, "/organs/")
    for n in range(8):
        _organ(f"乙{n}局", administrative_level="county" if n % 2 else "prefecture")
    assert _queries(client, "/organs/") == few


def _notice(admin: Any, units: int, **fields: Any) -> PublicNotice:
    rows = [
        {
            "unit": f"单位{n:03d}",
            "kind": "organ",
            "kind_label": "机关",
            "county": "任城区",
            "compliance": "not_declared",
            "compliance_label": "未申报",
            "counted": None,
            "staff": None,
            "ratio_percent": None,
        }
        for n in range(units)
    ]
    values = {"year": 2025, "region_code": "370811", "title": "任城区2025年度公示"}
    return PublicNotice.objects.create(
        rows=rows, appeal_days=7, prepared_by=admin, **{**values, **fields}
    )


def test_a_notice_shows_its_rows_a_page_at_a_time_to_staff_and_the_public(monkeypatch) -> None:
    monkeypatch.setattr("ablework.organs.pages.public.ROWS_PER_PAGE", 2)
    admin = CountyAdminFactory()
    draft = _notice(admin, 5)
    published = _notice(admin, 3, status=NoticeStatus.PUBLISHED, published_on="2026-06-01")
    staff = signed_in(admin)

    first = staff.get(f"/organs/notices/{draft.pk}/").content.decode()
    assert "单位000" in first
    assert "单位001" in first
    assert "单位002" not in first
    assert "共 5 个单位，分页显示" in first
    last = staff.get(f"/organs/notices/{draft.pk}/", {"after": "4"}).content.decode()
    assert "单位004" in last
    assert "单位003" not in last
    assert "下一页" not in last

    public = signed_in(CountyAdminFactory(region_id="370826")).get(
        f"/notice/{published.pk}/", {"after": "2"}
    )
    assert "单位002" in public.content.decode()
    assert "单位001" not in public.content.decode()
    # the open data still holds every unit
    assert staff.get(f"/notice/{published.pk}/notice.csv").content.decode().count("单位00") == 3


def test_the_notice_pages_ask_the_same_number_of_queries_for_more_rows_and_notices() -> None:
    admin = CountyAdminFactory()
    staff = signed_in(admin)
    draft = _notice(admin, 3)
    _notice(admin, 3, status=NoticeStatus.PUBLISHED, published_on="2026-06-01")
    urls = ["/organs/notices/", f"/organs/notices/{draft.pk}/", "/notice/"]
    for url in urls:
        staff.get(url)
    few = [_queries(staff, url) for url in urls]
    big = _notice(admin, 400)
    for n in range(6):
        _notice(admin, 2, status=NoticeStatus.PUBLISHED, published_on=f"2026-06-{n + 2:02d}")
    urls[1] = f"/organs/notices/{big.pk}/"
    assert [_queries(staff, url) for url in urls] == few


def test_the_staff_notice_list_filters_by_status_across_pages(monkeypatch) -> None:
    monkeypatch.setattr("ablework.organs.pages.notices.NOTICES_PER_PAGE", 1)
    admin = CountyAdminFactory()
    older = _notice(admin, 1, title="较早的草稿")
    _notice(admin, 1, title="较晚的草稿")
    _notice(
        admin, 1, title="已发布的公示", status=NoticeStatus.PUBLISHED, published_on="2026-06-01"
    )
    staff = signed_in(admin)

    first = staff.get("/organs/notices/", {"status": "draft"}).content.decode()
    assert "已发布的公示" not in first
    assert "较晚的草稿" in first
    assert "较早的草稿" not in first
    assert "?status=draft&amp;after=" in first
    after = PublicNotice.objects.get(title="较晚的草稿").pk
    second = staff.get("/organs/notices/", {"status": "draft", "after": str(after)})
    assert older.title in second.content.decode()
    assert "已发布的公示" not in second.content.decode()
