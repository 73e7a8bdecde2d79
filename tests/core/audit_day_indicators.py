"""The demo-like day's indicator pages (issue 14): a counsellor lists the persons behind 任城区's
training figure, one of them person_user, whose access log then shows it; 任城区's administrator
lists the employers behind its 2025
levy, reads its 2026Q1 bulletin, writes and then changes its 经验做法, and downloads it as .xlsx,
in the request and built in the background (the job's file)."""

from __future__ import annotations

from datetime import date

from ablework.accounts.models import User
from ablework.registry.models import Person, TrainingRecord
from tests.helpers import signed_in


def indicators_day(demo_data: dict[str, User]) -> None:
    own = Person.objects.get(pk=demo_data["person_user"].person_id)
    TrainingRecord.objects.create(person=own, subject="电子商务", completed_on=date(2026, 3, 2))
    listed = signed_in(demo_data["rencheng_counsellor"]).get(
        "/indicators/training_attendances/persons/",
        {"region": own.county_code, "period": "2026Q1"},
    )
    assert own.name in listed.content.decode()
    admin = signed_in(demo_data["rencheng_admin"])
    query = {"region": own.county_code, "period": "2026Q1"}
    units = {"region": own.county_code, "period": "2025"}
    assert admin.get("/indicators/levy_assessed/units/", units).status_code == 200
    assert admin.get("/indicators/reports/", query).status_code == 200
    notes = f"/indicators/reports/notes/?region={own.county_code}&period=2026Q1"
    assert admin.post(notes, {"experience": "入户核对", "next_steps": ""}).status_code == 302
    assert (
        admin.post(notes, {"experience": "入户核对，逐人建档", "next_steps": "", "version": 1})
    ).status_code == 302
    assert admin.get("/indicators/reports/xlsx/", query).status_code == 200
    # and builds it again in the background, downloading it from the job's page
    queued = admin.post(
        f"/indicators/reports/xlsx/background/?region={own.county_code}&period=2026Q1"
    )
    assert queued.status_code == 302
    assert admin.get(f"{queued['Location']}result/").status_code == 200
