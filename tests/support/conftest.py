"""Helpers for employment services' tests: a fixed "today" for the pages, persons, records;
for the records' tests, demo persons of 古槐街道 (任城区) and of 微山县."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.models import InformationCheck, ServiceRecord
from tests.registry.factories import PersonFactory

TODAY = date(2026, 6, 15)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Iterator[date]:
    """The pages' "today" (timezone.localdate() without arguments) is TODAY."""
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def person() -> Callable[..., Person]:
    """A person registered through the registry's service (unemployed, 任城区, born 1985)."""

    def make(**fields: Any) -> Person:
        return PersonFactory(**fields)

    return make


def check(person: Person, on: date, **fields: Any) -> InformationCheck:
    return InformationCheck.objects.create(person=person, on=on, channel="phone", **fields)


def serve(person: Person, on: date, **fields: Any) -> ServiceRecord:
    return ServiceRecord.objects.create(
        person=person, on=on, kind="guidance", channel="phone", **fields
    )


RENCHENG, GUHUAI, WEISHAN = "370811", "370811001", "370826"


@pytest.fixture
def guhuai_person(demo_data: dict[str, User]) -> Person:
    """A person of 古槐街道, 任城区, of working age and not the demo person's own record."""
    own = demo_data["person_user"].person_id
    return (
        Person.objects.filter(county_code=RENCHENG, township_code=GUHUAI, merged_into__isnull=True)
        .exclude(pk=own)
        .order_by("pk")
        .first()
    )


@pytest.fixture
def weishan_person(demo_data: dict[str, User]) -> Person:
    return Person.objects.filter(county_code=WEISHAN).order_by("pk").first()
