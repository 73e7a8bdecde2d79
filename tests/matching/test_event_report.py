"""An event's outcome report (成果报告): the figures staff see on its page, in its .xlsx and in its
PDF, worked out by hand on a constructed event; each view audited; another county's staff get
404; a county's staff at a city's event count only their own persons."""

from __future__ import annotations

import io
import re
from datetime import time, timedelta
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.matching.models import (
    EventRegistration,
    JobPosting,
    PostingStatus,
    RecruitmentEvent,
)
from ablework.matching.services.event_registrations import (
    Outcome,
    record_outcome,
    register_person,
)
from ablework.matching.services.events import EventDetails, create_event
from ablework.printing.models import IssuedDocument
from ablework.registry.models import EmploymentStatus, Person
from tests.helpers import signed_in
from tests.printing.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _postings() -> list[JobPosting]:
    """Three open postings of 任城区, of three employers where the demo has them."""
    chosen: list[JobPosting] = []
    for posting in JobPosting.objects.filter(
        county_code="370811", status=PostingStatus.OPEN
    ).order_by("pk"):
        if posting.employer_id not in {row.employer_id for row in chosen}:
            chosen.append(posting)
    return chosen[:3]


def _event(region: str = "370811", by: str = "rencheng_counsellor") -> RecruitmentEvent:
    details = EventDetails(
        name="任城区助残就业专场招聘会",
        organiser="任城区残疾人就业服务中心",
        region_code=region,
        held_on=timezone.localdate() - timedelta(days=1),
        starts_at=time(9, 0),
        ends_at=time(11, 30),
        mode="on_site",
        place="任城区残疾人综合服务中心一楼大厅",
        access=("step_free", "sign_language"),
        posting_ids=tuple(posting.pk for posting in _postings()),
    )
    return create_event(actor=_user(by), details=details, on=timezone.localdate())


def _day(event: RecruitmentEvent, registration: EventRegistration, outcome: Outcome) -> None:
    record_outcome(
        actor=_user("rencheng_counsellor"),
        registration=registration,
        outcome=outcome,
        on=timezone.localdate(),
        seen_version=registration.version,
    )


@pytest.fixture
def held(demo_postings) -> RecruitmentEvent:
    """Yesterday's event with postings A, B, C and five registrations:
    p0 (手语翻译) came, needs met, interviewed A and B, hired by A, B: 技能不符;
    p1 (轮椅) came, needs not met, interviewed B, not hired: 工资或工时;
    p2 (no needs) came, interviewed A and C, not hired, no reason recorded;
    p3 (轮椅, 大字版) did not come; p4 (no needs) nothing recorded."""
    event = _event()
    a, b, c = (row.posting_id for row in event.postings.order_by("posting__employer__name"))
    counsellor = _user("rencheng_counsellor")
    living = Person.objects.filter(county_code="370811", merged_into__isnull=True)
    hired = living.filter(employment_status=EmploymentStatus.UNEMPLOYED).order_by("pk")[0]
    persons = [hired, *living.exclude(pk=hired.pk).order_by("pk")[:4]]
    needs = [("sign_language",), ("wheelchair",), (), ("wheelchair", "large_print"), ()]
    rows = [
        register_person(actor=counsellor, event=event, person_id=person.pk, needs=wanted)
        for person, wanted in zip(persons, needs, strict=True)
    ]
    day = timezone.localdate() - timedelta(days=1)
    _day(
        event,
        rows[0],
        Outcome(
            attended=True,
            needs_met=True,
            interviewed=(a, b),
            hired=a,
            started_on=day,
            not_hired_reason="skills",
        ),
    )
    _day(
        event,
        rows[1],
        Outcome(attended=True, needs_met=False, interviewed=(b,), not_hired_reason="pay_hours"),
    )
    _day(event, rows[2], Outcome(attended=True, interviewed=(a, c)))
    _day(event, rows[3], Outcome(attended=False))
    return event


def _cells(row: str) -> list[str]:
    """The cells' texts of one table row of the page."""
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.split(r"</t[hd]>", row)][:-1]


def _rows(page: str, caption: str) -> dict[str, list[str]]:
    table = page.split(caption, 1)[1].split("</table>", 1)[0]
    found = {}
    for row in table.split("<tr>")[2:]:
        cells = _cells(row)
        found[cells[0]] = cells[1:]
    return found


def test_the_report_shows_what_happened_at_the_event_in_figures(held) -> None:
    # when the counsellor opens the event's report from its page
    counsellor = signed_in(_user("rencheng_counsellor"))
    detail = counsellor.get(f"/matching/events/{held.pk}/").content.decode()
    assert f'href="/matching/events/{held.pk}/report/"' in detail
    page = counsellor.get(f"/matching/events/{held.pk}/report/").content.decode()
    # then the totals are those of the day
    totals = _rows(page, "报名、到场、面试和录用（人）")
    assert totals == {
        "报名": ["5"],
        "到场": ["3"],
        "未到场": ["1"],
        "到场情况未记录": ["1"],
        "参加面试": ["3"],
        "录用": ["1"],
        "面试后未录用": ["2"],
    }
    assert "共面试 5 人次" in page
    assert "本报告统计本次活动的全部报名人员，共 5 人" in page
    # each need: asked, came, met, not met, not recorded
    needs = _rows(page, "按需要统计（人）")
    assert needs["手语翻译"] == ["1", "1", "1", "0", "0"]
    assert needs["轮椅无障碍通行"] == ["2", "1", "0", "1", "0"]
    assert needs["大字版资料"] == ["1", "0", "0", "0", "0"]
    assert needs["陪同人员"] == ["0", "0", "0", "0", "0"]
    assert needs["提出无障碍需要的人员"] == ["3", "2", "1", "1", "0"]
    # why the four interviews without a hire ended so
    assert _rows(page, "按原因统计（人次）") == {
        "技能或经验与岗位要求不符": ["1"],
        "工资或工时未能谈妥": ["1"],
        "原因未记录": ["2"],
    }
    # per posting and per employer
    a, b, c = (row.posting for row in held.postings.order_by("posting__employer__name"))
    postings = _rows(page, "参会岗位的面试、录用和未录用原因")
    assert postings[a.employer.name] == [a.title, str(a.openings), "2", "1", "1", "原因未记录 1"]
    assert postings[b.employer.name][2:] == [
        "2",
        "0",
        "2",
        "技能或经验与岗位要求不符 1、工资或工时未能谈妥 1",
    ]
    assert postings[c.employer.name][2:] == ["1", "0", "1", "原因未记录 1"]
    employers = _rows(page, "参会单位的岗位、面试和录用")
    assert employers[a.employer.name] == ["1", str(a.openings), "2", "1", "1"]
    assert employers[b.employer.name] == ["1", str(b.openings), "2", "0", "2"]
    # no person is named
    for registration in held.registrations.select_related("person"):
        assert registration.person.name not in page
    # and the view is audited
    record = AuditRecord.objects.filter(action="matching.event.report_view").latest("pk")
    assert record.actor_id == _user("rencheng_counsellor").pk
    assert record.region_code == "370811"


def test_the_report_downloads_as_xlsx_with_the_pages_figures(held) -> None:
    counsellor = signed_in(_user("rencheng_counsellor"))
    response = counsellor.get(f"/matching/events/{held.pk}/report.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["总体情况", "无障碍需要", "未录用原因", "按参会单位", "按岗位"]
    totals = {row[0]: row[1] for row in book["总体情况"].iter_rows(values_only=True)}
    assert totals["活动名称"] == "任城区助残就业专场招聘会"
    assert (totals["报名"], totals["到场"], totals["录用"], totals["面试人次"]) == (5, 3, 1, 5)
    needs = {row[0]: list(row[1:]) for row in book["无障碍需要"].iter_rows(values_only=True)}
    assert needs["轮椅无障碍通行"] == [2, 1, 0, 1, 0]
    assert needs["需要"] == ["提出", "到场", "已满足", "未满足", "未记录"]
    reasons = {row[0]: row[1] for row in book["未录用原因"].iter_rows(values_only=True)}
    assert reasons == {
        "原因": "人次",
        "技能或经验与岗位要求不符": 1,
        "工资或工时未能谈妥": 1,
        "原因未记录": 2,
    }
    b = held.postings.order_by("posting__employer__name")[1].posting
    by_posting = {row[1]: list(row[2:]) for row in book["按岗位"].iter_rows(values_only=True)}
    assert by_posting[b.title] == [
        b.openings,
        2,
        0,
        2,
        "技能或经验与岗位要求不符 1、工资或工时未能谈妥 1",
    ]
    assert AuditRecord.objects.filter(
        action="matching.event.report_export", target_label__contains="Excel"
    ).exists()


def test_the_report_prints_as_a_pdf_with_a_verification_code(held, tmp_path: Path) -> None:
    counsellor = signed_in(_user("rencheng_counsellor"))
    response = counsellor.post(f"/matching/events/{held.pk}/report/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    document = IssuedDocument.objects.get(kind="matching.event_report")
    assert document.display_code in text
    assert "济宁市任城区残疾人联合会" in text
    assert "任城区助残就业专场招聘会成果报告" in text
    for words in ("面试后未录用", "技能或经验与岗位要求不符", "提出无障碍需要的人员", "按岗位"):
        assert words in text
    assert "共面试 5 人次" in text
    assert ["报名", "5 人"] in document.statements
    assert ["录用", "1 人"] in document.statements
    # printing it again supersedes the first
    counsellor.post(f"/matching/events/{held.pk}/report/pdf/")
    document.refresh_from_db()
    assert document.superseded_by is not None


def test_another_countys_staff_get_404_and_a_county_counts_its_own_at_a_city_event(
    demo_postings,
) -> None:
    # 任城区's event is not 微山县's
    event = _event()
    other = signed_in(_user("weishan_counsellor"))
    for path in ("report/", "report.xlsx"):
        assert other.get(f"/matching/events/{event.pk}/{path}").status_code == 404
    assert other.post(f"/matching/events/{event.pk}/report/pdf/").status_code == 404
    # at the city's event, each county counts its own persons, the city all
    city = _event(region="370800", by="jining_admin")
    rencheng = Person.objects.filter(county_code="370811").order_by("pk")[0]
    weishan = Person.objects.filter(county_code="370826").order_by("pk")[0]
    register_person(actor=_user("rencheng_counsellor"), event=city, person_id=rencheng.pk)
    register_person(actor=_user("weishan_counsellor"), event=city, person_id=weishan.pk)
    mine = signed_in(_user("rencheng_counsellor")).get(f"/matching/events/{city.pk}/report/")
    assert "本报告只统计您辖区报名的 1 人（本次活动共报名 2 人）" in mine.content.decode()
    everyone = signed_in(_user("jining_admin")).get(f"/matching/events/{city.pk}/report/")
    assert "本报告统计本次活动的全部报名人员，共 2 人" in everyone.content.decode()


def test_a_not_hired_reason_is_recorded_with_the_day(demo_postings) -> None:
    event = _event()
    person = Person.objects.filter(county_code="370811").order_by("pk")[0]
    registration = register_person(
        actor=_user("rencheng_counsellor"), event=event, person_id=person.pk
    )
    first = event.postings.order_by("pk")[0].posting_id
    url = f"/matching/events/{event.pk}/registrations/{registration.pk}/outcome/"
    counsellor = signed_in(_user("rencheng_counsellor"))
    form = counsellor.get(url).content.decode()
    assert "未录用原因" in form
    done = counsellor.post(
        url,
        {
            "attended": "yes",
            "interviewed": [first],
            "not_hired_reason": "conditions",
            "version": registration.version,
        },
    )
    assert done.status_code == 302
    assert registration.interviews.get().not_hired_reason == "conditions"
    record = AuditRecord.objects.get(action="matching.event.outcome")
    assert record.changes["not_hired_reason"] == ["", "工作条件或便利条件未能谈妥"]
