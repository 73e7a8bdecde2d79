"""Job seekers for matching tests: a person's assessment and needs registration recorded through
the employment services, as a counsellor would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.services.records import (
    AssessmentInput,
    NeedsInput,
    record_assessment,
    record_needs,
)

# Reads a screen with a screen reader, cannot read print; needs step-free access.
SCREEN_READER_USER: dict[str, Any] = {
    "abilities": {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
    "needs": ("step_free",),
}


def record_seeker(
    actor: User,
    person: Person,
    *,
    on: date,
    abilities: dict[str, Any] | None = None,
    needs: tuple[str, ...] = (),
    skills: str = "客服 电脑打字 普通话",
    occupations: tuple[str, ...] = ("客户服务",),
    commute_km: int = 15,
    wage_floor: str = "2200",
    hours_per_week: int = 40,
    accepts_remote: bool = False,
    assess: bool = True,
    register: bool = True,
) -> None:
    if assess:
        record_assessment(
            actor=actor,
            person_id=person.pk,
            assessment=AssessmentInput(
                on=on,
                abilities=abilities if abilities is not None else {},
                hours_per_day=Decimal("8"),
                needs=needs,
                pathway="competitive",
                methods=("interview",),
                summary="可以从事电脑和电话相关的工作。",
                given_by="李专员",
            ),
        )
    if register:
        record_needs(
            actor=actor,
            person_id=person.pk,
            needs=NeedsInput(
                on=on,
                occupations=occupations,
                skills=skills,
                hours_per_week=hours_per_week,
                places="任城区",
                commute_km=commute_km,
                wage_floor=Decimal(wage_floor),
                accepts_remote=accepts_remote,
                needs=(),
                training_wishes="",
                given_by="李专员",
            ),
        )
