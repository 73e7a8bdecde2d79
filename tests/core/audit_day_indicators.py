"""The demo-like day's indicator pages (issue 14): a counsellor lists the persons behind 任城区's
training figure, one of them person_user, whose access log then shows it."""

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
