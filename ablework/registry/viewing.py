"""The decorator of every page and API operation that shows a person's data: each response
that shows a person (a refused form re-rendered with the record included) writes one view row
for each person it shows. The persons are those fetched through `access_person`."""

from __future__ import annotations

from typing import Any

from ablework.core.audit import audits_views
from ablework.registry.models import Person
from ablework.registry.services import record_person_view


def _record(actor: Any, person: Person) -> None:
    record_person_view(actor=actor, person=person)


shows_persons = audits_views(_record)
