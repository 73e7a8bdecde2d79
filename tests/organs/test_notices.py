"""The public notice (公示): prepared by one staff member, approved by another (never the
preparer), published frozen with its dates; public as a page, a PDF and open data with no
personal data; appeals from the public recorded with their contact encrypted and answered."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.errors import Conflict, Invalid, PermissionDenied
from ablework.organs.models import NoticeAppeal, NoticeStatus, PublicNotice
from ablework.organs.services.notices import (
    NoticeDraft,
    approve_notice,
    prepare_notice,
    receive_appeal,
    refresh_notice,
)
from ablework.quota.models import Declaration
from ablework.registry.models import Person
from tests.helpers import signed_in
from tests.printing.conftest import pdf_text

pytestmark = pytest.mark.django_db
BASE = "http://testserver/"


def _prepare(user: User, region: str = "370811") -> PublicNotice:
    return prepare_notice(actor=user, draft=NoticeDraft(year=2025, region_code=region))


def _public(notice: PublicNotice) -> list[str]:
    return [
        f"/notice/{notice.pk}/{tail}"
        for tail in ("", "notice.pdf", "notice.csv", "notice.json", "appeal/")
    ]


def test_the_preparer_cannot_approve_and_a_second_person_publishes_it(demo_organs, demo_data):
    draft = _prepare(demo_data["rencheng_admin"])

    own = signed_in(demo_data["rencheng_admin"]).post(
        f"/organs/notices/{draft.pk}/approve/", {"approve-version": draft.version}
    )
    assert own.status_code == 403
    assert "拟稿人不能审核自己拟定的公示" in own.content.decode()
    with pytest.raises(PermissionDenied):
        approve_notice(
            actor=demo_data["rencheng_admin"], notice=draft, seen_version=1, base_url=BASE
        )
    # a counsellor has no notice permission at all
    assert (
        signed_in(demo_data["rencheng_counsellor"]).get(f"/organs/notices/{draft.pk}/").status_code
        == 404
    )

    done = signed_in(demo_data["jining_admin"]).post(
        f"/organs/notices/{draft.pk}/approve/", {"approve-version": draft.version}
    )

    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == NoticeStatus.PUBLISHED
    assert draft.published_on == timezone.localdate()
    assert draft.appeal_until == timezone.localdate() + timedelta(days=7)
    assert draft.decided_by == demo_data["jining_admin"]


def test_a_county_cannot_approve_the_citys_notice(demo_organs, demo_data):
    city = _prepare(demo_data["jining_admin"], region="370800")

    assert (
        signed_in(demo_data["rencheng_admin"]).get(f"/organs/notices/{city.pk}/").status_code == 404
    )
    assert (
        signed_in(demo_data["shandong_admin"]).get(f"/organs/notices/{city.pk}/").status_code == 200
    )


def test_a_draft_and_a_refused_notice_are_not_public(demo_organs, demo_data):
    draft = _prepare(demo_data["rencheng_admin"])
    city = _prepare(demo_data["jining_admin"], region="370800")
    refused = signed_in(demo_data["shandong_admin"]).post(
        f"/organs/notices/{city.pk}/reject/",
        {"reject-version": city.version, "reject-reason": "数据未齐"},
    )
    assert refused.status_code == 302
    anonymous = Client()

    for path in _public(draft) + _public(city):
        assert anonymous.get(path).status_code == 404, path
    assert draft.title not in anonymous.get("/notice/").content.decode()


def _published(demo_data) -> PublicNotice:
    draft = _prepare(demo_data["rencheng_admin"])
    return approve_notice(
        actor=demo_data["jining_admin"], notice=draft, seen_version=draft.version, base_url=BASE
    )


def test_the_published_notice_stays_as_approved_when_declarations_change(demo_organs, demo_data):
    notice = _published(demo_data)
    before = Client().get(f"/notice/{notice.pk}/notice.json").content
    hrss = demo_organs["hrss"]
    # the organ's figures change afterwards (a correction, say)
    Declaration.objects.filter(employer=hrss, levy_year=2025).update(
        rules_trace={"counted_disabled": "3", "annual_average_headcount": "78", "shortfall": "0"}
    )

    after = Client().get(f"/notice/{notice.pk}/notice.json").content

    assert after == before
    row = next(r for r in json.loads(after)["units"] if r["unit"] == hrss.name)
    assert row["compliance"] == "not_met"
    assert row["counted"] == "0"
    with pytest.raises(Conflict):
        refresh_notice(
            actor=demo_data["rencheng_admin"], notice=notice, seen_version=notice.version
        )
    # a new draft of the same area would read the new figures
    fresh = _prepare(demo_data["rencheng_admin"])
    assert next(r for r in fresh.rows if r["unit"] == hrss.name)["compliance"] == "met"


def test_the_notice_lists_organs_institutions_and_state_owned_enterprises(demo_organs, demo_data):
    notice = _published(demo_data)
    data = json.loads(Client().get(f"/notice/{notice.pk}/notice.json").content)
    units = {row["unit"]: row for row in data["units"]}

    assert units["济宁城投集团有限公司"]["kind"] == "state_owned_enterprise"
    assert units["济宁市第一人民医院"]["compliance"] == "met"
    assert units["济宁市人力资源和社会保障局"]["compliance"] == "not_met"
    assert units["济宁市博物馆"]["compliance"] == "not_declared"
    assert "微山县人民医院" not in units  # another county
    assert data["published_on"] == notice.published_on.isoformat()
    assert set(data["units"][0]) == {
        "unit",
        "kind",
        "kind_label",
        "county",
        "compliance",
        "compliance_label",
        "counted",
        "staff",
        "ratio_percent",
    }


def test_no_personal_data_on_the_public_page_pdf_csv_or_json(demo_organs, demo_data, tmp_path):
    notice = _published(demo_data)
    receive_appeal(notice=notice, name="赵公民", contact="13912345678", objection="人数有误")
    anonymous = Client()
    texts = {
        "page": anonymous.get(f"/notice/{notice.pk}/").content.decode(),
        "list": anonymous.get("/notice/").content.decode(),
        "pdf": pdf_text(bytes(notice.pdf), tmp_path),
        "csv": anonymous.get(f"/notice/{notice.pk}/notice.csv").content.decode("utf-8-sig"),
        "json": anonymous.get(f"/notice/{notice.pk}/notice.json").content.decode(),
    }
    assert "济宁市人力资源和社会保障局" in texts["pdf"].replace(" ", "")
    forbidden = {"13912345678", "赵公民", "1391"}
    for person in Person.objects.all():
        forbidden |= {person.resident_id, person.certificate_number, person.phone, person.name}
    forbidden.discard("")

    leaks = {
        where: sorted(value for value in forbidden if value and value in text)
        for where, text in texts.items()
    }

    assert leaks == {where: [] for where in texts}


def test_an_appeal_is_recorded_encrypted_and_masked_then_answered(demo_organs, demo_data):
    notice = _published(demo_data)
    anonymous = Client()
    form = {
        "name": "钱先生",
        "contact": "13812345678",
        "objection": "济宁市图书馆已安排一名残疾人。",
    }

    sent = anonymous.post(f"/notice/{notice.pk}/appeal/", form)

    assert sent.status_code == 302
    appeal = NoticeAppeal.objects.get(notice=notice)
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM organs_noticeappeal WHERE id = %s", [appeal.pk])
        stored = cursor.fetchone()[0]
    assert "13812345678" not in stored
    staff = signed_in(demo_data["rencheng_admin"])
    page = staff.get(f"/organs/notices/{notice.pk}/").content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert "13812345678" not in anonymous.get(f"/notice/{notice.pk}/").content.decode()

    answered = staff.post(
        f"/organs/notices/{notice.pk}/appeals/{appeal.pk}/",
        {"version": appeal.version, "answer": "经核实，该馆的申报将予更正。"},
    )

    assert answered.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "answered"
    assert appeal.answered_by == demo_data["rencheng_admin"]
    assert "已答复 1 件" in anonymous.get(f"/notice/{notice.pk}/").content.decode()


def test_an_appeal_after_the_window_is_refused(demo_organs, demo_data):
    notice = _published(demo_data)
    late = notice.appeal_until + timedelta(days=1)

    with pytest.raises(Invalid):
        receive_appeal(notice=notice, name="孙", contact="13800000000", objection="晚了", on=late)


def test_the_public_pdf_is_the_one_issued_at_approval_and_verifies(demo_organs, demo_data):
    notice = _published(demo_data)
    anonymous = Client()

    pdf = anonymous.get(f"/notice/{notice.pk}/notice.pdf")

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf) == bytes(notice.pdf)
    verify = anonymous.get(f"/verify/{notice.document.display_code}/").content.decode()
    assert "公示单位数" in verify
