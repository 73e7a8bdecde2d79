"""Helpers for the registry's tests: signed-in clients and persons registered the normal way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ablework.accounts.models import User
from ablework.registry.models import Person
from tests.helpers import signed_in as signed_in  # re-exported: imported from here too
from tests.registry.factories import register
from tests.registry.factories import resident_id as resident_id  # re-exported

OWN_COUNTY, OTHER_COUNTY = "370811", "370826"


def registration_form(**overrides: str) -> dict[str, str]:
    """What staff type into the registration form for a woman of 任城区 (category 6, grade 3)."""
    number = resident_id(OWN_COUNTY, date(1992, 8, 3), male=False)
    data = {
        "resident_id": number,
        "certificate_number": number + "63",
        "name": "新登记",
        "certificate_status": "valid",
        "county_code": OWN_COUNTY,
        "retirement_base_age": "50",
        "employment_status": "unemployed",
        "phone": "13700001111",
        "training_wished": "电子商务",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_person(demo_data: dict[str, User]) -> Callable[..., Person]:
    """Register a person through the service, as the county administrator; fields overridable."""

    def make(**overrides: Any) -> Person:
        birth = overrides.pop("birth_date", date(1985, 6, 15))
        sex = overrides.pop("sex", "male")
        county = overrides.pop("county_code", OWN_COUNTY)
        number = overrides.pop("resident_id", None) or resident_id(
            county, birth, male=sex == "male"
        )
        fields: dict[str, Any] = {
            "name": "测试人员",
            "certificate_number": number + "42",
            "disability_category": 4,
            "disability_grade": 2,
            "employment_status": "unemployed",
            "phone": "13912345678",
            "address": "任城区建设路100号3单元",
        }
        fields.update(overrides)
        return register(
            demo_data["rencheng_admin"],
            sex=sex,
            birth_date=birth,
            resident_id=number,
            county_code=county,
            **fields,
        )

    return make
