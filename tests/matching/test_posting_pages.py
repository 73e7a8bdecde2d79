"""The postings' pages as people use them: posting with demands, the minimum wage on the form,
a stale edit, the list's filters by name, fill rates, the export."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from ablework.core.models import AuditRecord
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.postings import create_posting, update_posting
from tests.helpers import signed_in
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "电话客服",
        "occupation": "客户服务",
        "kind": "targeted",
        "tasks": "接听客户来电，使用电脑记录工单。",
        "county_code": "370811",
        "township_code": "370811001",
        "address": "任城区古槐路88号",
        "wage_min": "2500.00",
        "wage_max": "3200.00",
        "hours_per_week": "40",
        "schedule": "周一至周五",
        "contract_type": "fixed_term",
        "openings": "2",
        "valid_from": "2026-06-01",
        "valid_until": "2026-09-30",
        "accessibility": ["step_free"],
        "accommodations": ["screen_reader"],
        "demand_read_screen": "essential",
        "demand_phone": "essential",
        "demand_read_print": "adjustable",
    }
    data.update(changes)
    return data


def test_an_employer_posts_a_job_with_two_essential_demands(demo_data) -> None:
    user = demo_data["employer_user"]
    client = signed_in(user)
    form = client.get("/matching/postings/new/")
    assert form.status_code == 200
    assert "招聘单位的统一社会信用代码" not in form.content.decode()  # its own organisation
    response = client.post("/matching/postings/new/", _form())
    posting = JobPosting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/matching/postings/{posting.pk}/"
    assert posting.employer_id == user.employer_id
    assert posting.demands == {
        "read_print": "adjustable",
        "read_screen": "essential",
        "phone": "essential",
    }
    assert posting.offers == ["screen_reader", "step_free"]
    page = client.get(response["Location"]).content.decode()
    assert "阅读屏幕文字、电话沟通" in page  # the essential demands, by name
    assert "任城区" in page
    assert "370811" not in page


def test_a_counsellor_posts_for_an_employer_of_their_area_by_credit_code(demo_data) -> None:
    client = signed_in(demo_data["rencheng_counsellor"])
    employer = demo_data["employer_user"].employer
    refused = client.post("/matching/postings/new/", _form(employer_uscc="91370811MA00000000"))
    assert refused.status_code == 200
    assert "您管辖范围内没有统一社会信用代码为 91370811MA00000000 的用人单位" in (
        refused.content.decode()
    )
    assert not JobPosting.objects.exists()
    done = client.post("/matching/postings/new/", _form(employer_uscc=employer.uscc))
    assert done.status_code == 302
    assert JobPosting.objects.get().employer == employer


def test_the_form_names_the_minimum_wage_it_is_under(demo_data) -> None:
    client = signed_in(demo_data["employer_user"])
    response = client.post(
        "/matching/postings/new/",
        _form(valid_from="2022-06-01", valid_until="2022-12-31", wage_min="1800.00"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "月工资下限 1800.00 元低于任城区 2022-06-01 的月最低工资标准 1900.00 元" in page
    assert "wages.minimum_wage_monthly" in page
    assert not JobPosting.objects.exists()


def test_a_save_on_an_older_version_answers_409_with_the_others_change(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    opened = posting.version
    update_posting(
        actor=demo_data["rencheng_counsellor"],
        posting=posting,
        details=details(title="电话客服（夜班）"),
    )
    response = signed_in(user).post(
        f"/matching/postings/{posting.pk}/edit/",
        _form(title="我的修改", openings_filled="0", version=str(opened)),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "此记录已被他人修改" in page
    assert "电话客服 → 电话客服（夜班）" in page
    assert JobPosting.objects.get(pk=posting.pk).title == "电话客服（夜班）"


def test_closing_from_the_page_and_no_edit_after(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    client = signed_in(user)
    done = client.post(f"/matching/postings/{posting.pk}/close/", {"version": posting.version})
    assert done.status_code == 302
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.CLOSED
    page = client.get(f"/matching/postings/{posting.pk}/").content.decode()
    assert "修改岗位" not in page
    refused = client.post(f"/matching/postings/{posting.pk}/edit/", _form(version="3"))
    assert refused.status_code == 409


def test_the_list_filters_by_kind_and_names_places(demo_postings, demo_data) -> None:
    client = signed_in(demo_data["jining_admin"])
    page = client.get("/matching/postings/?kind=reserved_outlet").content.decode()
    assert "公交站报刊亭经营" in page
    assert "福利彩票销售员" in page
    assert "电话客服专员" not in page
    every = client.get("/matching/postings/").content.decode()
    assert "盲人按摩师" in every
    assert "微山县" in every
    weishan = signed_in(demo_data["weishan_counsellor"]).get("/matching/postings/")
    assert "盲人按摩师" in weishan.content.decode()
    assert "电话客服专员" not in weishan.content.decode()
    assert signed_in(demo_data["person_user"]).get("/matching/postings/").status_code == 404


def test_fill_rates_sum_openings_and_hires_by_county_and_kind(demo_postings, demo_data) -> None:
    response = signed_in(demo_data["jining_admin"]).get("/matching/postings/fill-rates/")
    rates = {(row.county_code, row.kind): row for row in response.context["rates"]}
    published = JobPosting.objects.exclude(status=PostingStatus.DRAFT)
    for (county, kind), row in rates.items():
        mine = published.filter(county_code=county, kind=kind)
        assert row.openings == sum(p.openings for p in mine)
        assert row.filled == sum(p.openings_filled for p in mine)
    weishan_public = rates[("370826", "public_welfare")]
    assert (weishan_public.openings, weishan_public.filled, str(weishan_public.rate)) == (
        5,
        3,
        "60.0",
    )
    assert "微山县" in response.content.decode()
    assert (
        signed_in(demo_data["employer_user"]).get("/matching/postings/fill-rates/").status_code
        == 404
    )


def test_the_export_is_a_workbook_of_the_selection_and_is_logged(demo_postings, demo_data) -> None:
    client = signed_in(demo_data["rencheng_admin"])
    response = client.post("/matching/postings/export.xlsx", {"kind": "public_welfare"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "岗位名称"
    assert [row[2] for row in rows[1:]] == ["社区公益保洁员"]  # 任城区's only, not 微山县's
    assert rows[1][4] == "公益性岗位"
    assert rows[1][7] == "任城区"
    record = AuditRecord.objects.get(action="matching.postings.export")
    assert record.detail["count"] == 1


def test_demo_postings_show_every_kind_and_status(demo_postings) -> None:
    kinds = {p.kind for p in demo_postings}
    statuses = {p.status for p in demo_postings}
    assert kinds == {"targeted", "public_welfare", "reserved_outlet", "auxiliary"}
    assert statuses == {"draft", "open", "closed", "filled"}
    expired = [p for p in demo_postings if p.close_reason == "expired"]
    assert [p.title for p in expired] == ["超市理货员（春节临时）"]
    assert date.today() > expired[0].valid_until
