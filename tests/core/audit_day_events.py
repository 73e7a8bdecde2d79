"""The recruitment events' part of the audit day (tests/core/audit_day.py): a counsellor holds an
event with an open posting, and the county's administrator moves it to another hall; two
persons are registered with their needs (one changed, one taken back), the list of needs and a
registration are opened, the day of the other is recorded, and the event's outcome report is
opened, downloaded as .xlsx and printed as a PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.event_registrations import (
    Outcome,
    cancel_registration,
    record_outcome,
    register_person,
    update_needs,
)
from ablework.matching.services.events import EventDetails, create_event, update_event
from ablework.registry.models import Person
from tests.helpers import signed_in

ON = date(2026, 7, 1)


def events_day(demo_data: dict[str, User]) -> None:
    counsellor, admin = demo_data["rencheng_counsellor"], demo_data["rencheng_admin"]
    posting = JobPosting.objects.filter(county_code="370811", status=PostingStatus.OPEN).first()
    details = EventDetails(
        name="任城区助残就业专场招聘会",
        organiser="任城区残疾人就业服务中心",
        region_code="370811",
        held_on=date(2026, 7, 20),
        starts_at=time(9, 0),
        ends_at=time(11, 30),
        mode="on_site",
        place="任城区残疾人综合服务中心一楼大厅",
        access=("step_free", "sign_language"),
        posting_ids=(posting.pk,) if posting is not None else (),
    )
    event = create_event(actor=counsellor, details=details, on=ON)
    event = update_event(
        actor=admin,
        event=event,
        details=replace(details, place="任城区文化中心二楼", access=("step_free", "large_print")),
        on=ON,
        seen_version=event.version,
    )
    own = demo_data["person_user"].person_id
    assert own is not None
    other = Person.objects.filter(county_code="370811").exclude(pk=own).order_by("pk").first()
    assert other is not None
    came = register_person(
        actor=counsellor, event=event, person_id=own, needs=("sign_language",), needs_other="轮椅"
    )
    came = update_needs(
        actor=counsellor,
        registration=came,
        needs=("sign_language", "companion"),
        needs_other="需要提前入场",
        seen_version=came.version,
    )
    away = register_person(actor=counsellor, event=event, person_id=other.pk)
    cancel_registration(actor=counsellor, registration=away, seen_version=away.version)
    staff = signed_in(counsellor)
    assert staff.get(f"/matching/events/{event.pk}/registrations/").status_code == 200
    assert staff.get(f"/matching/events/{event.pk}/registrations/{came.pk}/").status_code == 200
    record_outcome(
        actor=counsellor,
        registration=came,
        outcome=Outcome(attended=True, needs_met=True),
        on=date(2026, 7, 21),
        seen_version=came.version,
    )
    assert staff.get(f"/matching/events/{event.pk}/report/").status_code == 200
    assert staff.get(f"/matching/events/{event.pk}/report.xlsx").status_code == 200
    assert staff.post(f"/matching/events/{event.pk}/report/pdf/").status_code == 200
