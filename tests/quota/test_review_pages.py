"""The federation's review pages: the queue of declarations awaiting review in the staff
member's area, by status and county, longest waiting first, with what each declares; and
certifying, returning or rejecting a declaration from its page, on the version seen."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ablework.quota.folding import refold
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, DeclarationEvent, LineMonth, RosterLine
from ablework.quota.services import submit_declaration
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("quota:review")


def _awaiting(name: str, county: str, *, status: str = "submitted", days: int = 3) -> Declaration:
    """A declaration as submission stores it, `days` ago: one line counted for six months."""
    row = Declaration.objects.create(
        employer=EmployerFactory(name=name, county_code=county),
        levy_year=2023,
        status=status,
        headcount_monthly=[100] * 12,
        wage_total=Decimal("6000000.00"),
        rules_trace={"levy_due": "216000.00", "reward": None},
        submitted_at=timezone.now() - timedelta(days=days),
    )
    roster = RosterLine.objects.create(
        declaration=row,
        line=0,
        certificate_kind="disability",
        certificate_number="37081119850612402X41",
        certificate_hash=f"h{row.pk}",
        certificate_masked="370811**************",
        name="王一",
        employment_form="labour_contract",
    )
    LineMonth.objects.bulk_create(
        LineMonth(roster_line=roster, month=n, wage=2000, weight=1 if n <= 6 else 0, counted=n <= 6)
        for n in range(1, 13)
    )
    refold(RosterLine.objects.filter(pk=roster.pk))
    return row


def _page(client: Any, user: Any, **params: str) -> str:
    client.force_login(user)
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_lists_the_areas_declarations_awaiting_review(client) -> None:
    _awaiting("任城甲厂", "370811", days=5)
    _awaiting("任城乙厂", "370811", status="resubmitted", days=1)
    _awaiting("微山丙厂", "370826", days=2)
    _awaiting("任城草稿厂", "370811", status="draft")
    _awaiting("任城已确认厂", "370811", status="certified")
    # a city sees its two counties, a county its own, another county none
    city = _page(client, CityAdminFactory())
    assert all(name in city for name in ("任城甲厂", "任城乙厂", "微山丙厂"))
    assert "草稿厂" not in city
    assert "已确认厂" not in city
    county = _page(client, CountyAdminFactory())
    assert "任城甲厂" in county
    assert "任城乙厂" in county
    assert "微山丙厂" not in county
    elsewhere = _page(client, CountyAdminFactory(region_id="370830"))
    assert "没有等待审核的申报" in elsewhere
    # each row: county by name, status by name, days waited, counted persons and levy
    assert "任城区" in county
    assert "370811</td>" not in county
    assert "重新提交" in county
    assert "5 天" in county
    assert "0.50" in county
    assert "216000.00 元" in county
    # oldest first when asked (the default is the risk score, highest first)
    city = _page(client, CityAdminFactory(), order="oldest")
    assert city.index("任城甲厂") < city.index("微山丙厂") < city.index("任城乙厂")


def test_the_queue_filters_by_status_and_county(client) -> None:
    _awaiting("任城甲厂", "370811")
    _awaiting("任城乙厂", "370811", status="resubmitted")
    _awaiting("微山丙厂", "370826")
    city = CityAdminFactory()
    page = _page(client, city, county="370826")
    assert "微山丙厂" in page
    assert "任城甲厂" not in page
    page = _page(client, city, status="resubmitted")
    assert "任城乙厂" in page
    assert "任城甲厂" not in page
    assert "微山丙厂" not in page
    assert '<label for="f-county">' in page
    assert '<label for="f-status">' in page


def test_the_queue_asks_the_same_number_of_queries_for_more_rows(client) -> None:
    city = CityAdminFactory()
    client.force_login(city)
    _awaiting("甲厂", "370811")
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for n in range(6):
        _awaiting(f"厂{n}", "370826" if n % 2 else "370811")
    with CaptureQueriesContext(connection) as many:
        assert "厂5" in client.get(QUEUE).content.decode()
    assert len(many) == len(few)


def test_the_queue_pages_on_in_the_order_of_submission(client, monkeypatch) -> None:
    monkeypatch.setattr("ablework.quota.selectors.review.QUEUE_PAGE_SIZE", 2)
    for n in range(5):
        _awaiting(f"第{n}厂", "370811", days=10 - n)
    client.force_login(CountyAdminFactory())
    first = client.get(QUEUE, {"order": "oldest"}).content.decode()
    assert "第0厂" in first
    assert "第1厂" in first
    assert "第2厂" not in first
    after = Declaration.objects.get(employer__name="第1厂").pk
    second = client.get(QUEUE, {"after": str(after), "order": "oldest"}).content.decode()
    assert "第2厂" in second
    assert "第3厂" in second
    assert "第1厂" not in second
    assert "下一页" in second


def test_employers_may_not_open_the_queue(client) -> None:
    client.force_login(EmployerUserFactory())
    assert client.get(QUEUE).status_code in (403, 404)


def _filed() -> tuple[Declaration, Any]:
    employer = EmployerFactory(name="任城甲厂")
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    user = EmployerUserFactory(employer=employer)
    stored, _ = submit_declaration(
        actor=user,
        declaration=read_declaration(payload),
        today=date(2024, 6, 1),
        tree=with_social_average_wage("100000"),
    )
    return stored, user


def _detail(row: Declaration) -> str:
    return reverse("quota:declaration", args=[row.pk])


def _act(client: Any, row: Declaration, action: str, **fields: Any) -> Any:
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data.setdefault(f"{action}-version", row.version)
    return client.post(reverse(f"quota:{action}", args=[row.pk]), data)


def test_staff_see_the_three_actions_and_employers_none(client) -> None:
    row, employer_user = _filed()
    client.force_login(CountyAdminFactory())
    page = client.get(_detail(row)).content.decode()
    assert "审核确认" in page
    assert "不予通过" in page
    assert 'id="review-return"' in page
    assert "第 1 行（王一）的退回理由" in page
    assert f'name="certify-version" value="{row.version}"' in page
    client.force_login(employer_user)
    page = client.get(_detail(row)).content.decode()
    assert 'id="review-heading"' not in page
    assert "review-certify" not in page


def test_certify_through_the_page_tells_the_employer(client) -> None:
    row, employer_user = _filed()
    client.force_login(CountyAdminFactory())
    response = _act(client, row, "certify")
    assert response.status_code == 302
    assert response["Location"] == _detail(row)
    assert Declaration.objects.get(pk=row.pk).status == "certified"
    client.force_login(employer_user)
    assert "已审核确认" in client.get(reverse("shell:home")).content.decode()
    page = client.get(_detail(row)).content.decode()
    assert "状态：已审核确认" in page
    assert 'id="review-heading"' not in page


def test_return_with_a_line_reason_shows_the_employer_the_reason(client) -> None:
    row, employer_user = _filed()
    client.force_login(CityAdminFactory())
    response = _act(client, row, "return", reason="请补充劳动合同", line_0="工资表缺失")
    assert response.status_code == 302
    assert Declaration.objects.get(pk=row.pk).status == "returned"
    client.force_login(employer_user)
    page = client.get(_detail(row)).content.decode()
    assert "退回理由：请补充劳动合同" in page
    assert "工资表缺失" in page


def test_a_return_without_any_reason_is_refused_on_the_form(client) -> None:
    row, _ = _filed()
    client.force_login(CountyAdminFactory())
    response = _act(client, row, "return", reason="")
    assert response.status_code == 200
    assert "退回时请填写退回理由" in response.content.decode()
    assert Declaration.objects.get(pk=row.pk).status == "submitted"


def test_reject_needs_a_reason_and_tells_the_employer(client) -> None:
    row, employer_user = _filed()
    client.force_login(CountyAdminFactory())
    assert _act(client, row, "reject", reason="").status_code == 200
    assert Declaration.objects.get(pk=row.pk).status == "submitted"
    assert _act(client, row, "reject", reason="名单不实").status_code == 302
    assert Declaration.objects.get(pk=row.pk).status == "rejected"
    client.force_login(employer_user)
    assert "未通过审核：名单不实" in client.get(reverse("shell:home")).content.decode()


def test_a_stale_version_answers_409_with_what_changed_and_changes_nothing(client) -> None:
    row, _ = _filed()
    seen = row.version
    first, second = CountyAdminFactory(display_name="张审核"), CountyAdminFactory()
    client.force_login(first)
    assert _act(client, row, "certify").status_code == 302
    client.force_login(second)
    response = _act(client, row, "reject", reason="迟了", version=seen)
    assert response.status_code == 409
    page = response.content.decode()
    assert "审核确认按比例就业申报" in page
    assert "张审核" in page
    assert Declaration.objects.get(pk=row.pk).status == "certified"
    assert not DeclarationEvent.objects.filter(transition="reject").exists()


def test_employers_and_another_countys_staff_get_404_on_every_action(client) -> None:
    row, employer_user = _filed()
    for user in (employer_user, CountyAdminFactory(region_id="370826")):
        client.force_login(user)
        for action in ("certify", "return", "reject"):
            assert client.get(reverse(f"quota:{action}", args=[row.pk])).status_code == 404
            assert _act(client, row, action, reason="x").status_code == 404
    assert client.get(_detail(row)).status_code == 404
    assert Declaration.objects.get(pk=row.pk).status == "submitted"
