"""The recruitment events' part of the audit day (tests/core/audit_day.py): a counsellor holds an
event with an open posting, and the county's administrator moves it to another hall."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.events import EventDetails, create_event, update_event

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
    update_event(
        actor=admin,
        event=event,
        details=replace(details, place="任城区文化中心二楼", access=("step_free", "large_print")),
        on=ON,
        seen_version=event.version,
    )
