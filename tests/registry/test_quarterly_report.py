"""The quarterly update progress prints as an official report, with its verification code."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ablework.core.models import Region, RegionLevel
from ablework.printing.models import IssuedDocument
from ablework.registry.quarters import Quarter
from tests.printing.conftest import pdf_text
from tests.registry.conftest import OWN_COUNTY, signed_in

pytestmark = pytest.mark.django_db
REPORT = "/persons/updates/progress/report.pdf"


@pytest.fixture
def township_round(make_person):
    """督查街道 in 任城区: two working-age people, one of them updated this quarter."""
    Region.objects.create(
        code="370811043",
        name="督查街道",
        level=RegionLevel.TOWNSHIP,
        parent_id=OWN_COUNTY,
        county_code=OWN_COUNTY,
        added_by_staff=True,
    )
    make_person(township_code="370811043", last_verified_on=timezone.localdate())
    make_person(township_code="370811043")


def test_city_report_is_issued_by_the_city_federation_with_the_township_table(
    demo_data, township_round, tmp_path
):
    # given the city administrator looking at 任城区's townships this quarter
    quarter = Quarter.of(timezone.localdate())
    client = signed_in(demo_data["jining_admin"])
    page = client.get("/persons/updates/progress/", {"region": OWN_COUNTY}).content.decode()
    page_rate = re.search(r"<tfoot>.*?([\d.]+%)</td></tr></tfoot>", page, re.S)[1]

    # when they print the report
    response = client.post(REPORT, {"quarter": quarter.code, "region": OWN_COUNTY})

    # then they download a PDF named after the report, in the city federation's name
    title = f"济宁市{quarter.year}年第{quarter.number}季度残疾人信息更新进度报告"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"filename*=UTF-8''{quote(title + '.pdf')}" in response["Content-Disposition"]
    document = IssuedDocument.objects.get()
    text = re.sub(r"[ \t]+", " ", pdf_text(response.content, tmp_path))
    flat = re.sub(r"\s+", "", text)
    assert "济宁市残疾人联合会" in flat
    assert title in flat
    assert document.display_code in flat
    assert re.search(r"督查街道 2 1 1 50\.0%", text), text
    # and the register holds what it states, the same figures the page shows
    statements = dict(document.statements)
    assert statements["统计范围"] == "济宁市（附任城区分乡镇（街道）情况）"
    assert statements["更新率"] == page_rate
    assert document.issuing_body == "济宁市残疾人联合会"
    assert document.issued_by == demo_data["jining_admin"]


def test_county_report_is_in_chinese_and_verifiable_whatever_the_page_language(demo_data):
    # given a county administrator using the English pages
    client = signed_in(demo_data["rencheng_admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # when they print the report
    response = client.post(REPORT)

    # then it is the county federation's, stated in Chinese, and anyone can verify it
    document = IssuedDocument.objects.get()
    assert response.status_code == 200
    assert document.issuing_body == "济宁市任城区残疾人联合会"
    assert document.title.startswith("任城区")
    assert document.title.endswith("更新进度报告")
    assert dict(document.statements)["统计范围"] == "任城区"
    html = Client().get(f"/verify/{document.display_code}/").content.decode()
    assert document.title in html
    assert "<dt>更新率</dt>" in html


def test_the_progress_page_offers_printing_to_federation_staff_only(demo_data):
    county_page = signed_in(demo_data["rencheng_admin"]).get("/persons/updates/progress/")
    admin_page = signed_in(demo_data["admin"]).get("/persons/updates/progress/")

    assert f'action="{REPORT}"' in county_page.content.decode()
    # the system administrator belongs to no federation that could issue it
    assert f'action="{REPORT}"' not in admin_page.content.decode()
    assert signed_in(demo_data["admin"]).post(REPORT).status_code == 404


@pytest.mark.parametrize("username", ["rencheng_counsellor", "employer_user", "person_user"])
def test_who_may_not_supervise_cannot_print_the_report(demo_data, username):
    assert signed_in(demo_data[username]).post(REPORT).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_printing_needs_sign_in_and_a_post(demo_data):
    assert Client().post(REPORT).status_code == 302
    assert signed_in(demo_data["rencheng_admin"]).get(REPORT).status_code == 405
    assert not IssuedDocument.objects.exists()
