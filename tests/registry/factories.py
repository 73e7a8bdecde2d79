"""Persons for tests that need one or two, registered through the registry's service.

`PersonFactory(county_code="370826", sex="female")` gives a person whose resident ID (valid
check digit, unique), certificate number, sex and birth date agree, as the form would require.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import factory
from factory.django import DjangoModelFactory

from ablework.accounts.models import User
from ablework.demo.synthetic import resident_id_with_check
from ablework.registry.models import Person
from ablework.registry.services import IdentityFacts, PersonDetails, register_person

IDENTITY = ("resident_id", "certificate_number", "sex", "birth_date")


def register(actor: User | None, **fields: Any) -> Person:
    """Register a person through the service from a test's keyword fields, split into the
    identity facts (taken as given) and the details."""
    identity = IdentityFacts(
        **{name: fields.pop(name) for name in IDENTITY},
        disability_category=fields.pop("disability_category"),
        disability_grade=fields.pop("disability_grade"),
    )
    return register_person(actor=actor, identity=identity, details=PersonDetails(**fields))


_issued = count(1)


def resident_id(county: str, birth: date, *, male: bool) -> str:
    """A valid resident ID for a county, birth date and sex (odd order digit: male), different
    at each call. The factory and the registry's make_person both draw from this one counter, so
    the persons of one test never share a number whichever helper made them."""
    order = (next(_issued) % 500) * 2 + (1 if male else 0)
    return resident_id_with_check(f"{county}{birth:%Y%m%d}{order:03d}")


class PersonFactory(DjangoModelFactory):
    """An unemployed person with a grade 2 physical disability in 任城区, born 1985."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"测试人员{n}")
    sex = "male"
    birth_date = date(1985, 6, 15)
    county_code = "370811"
    resident_id = factory.LazyAttribute(
        lambda p: resident_id(p.county_code, p.birth_date, male=p.sex == "male")
    )
    disability_category = 4
    disability_grade = 2
    certificate_number = factory.LazyAttribute(
        lambda p: f"{p.resident_id}{p.disability_category}{p.disability_grade}"
    )
    employment_status = "unemployed"
    phone = "13912345678"
    address = "任城区建设路100号3单元"

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **fields: Any) -> Person:
        # Through the service, as staff would: lookup columns, history and audit included.
        return register(None, **fields)
