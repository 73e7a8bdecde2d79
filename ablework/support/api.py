"""JSON API of employment services: the same access helpers and selectors as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from ablework.accounts.models import User
from ablework.core.envelope import error_responses
from ablework.core.errors import NotFound
from ablework.registry.viewing import shows_persons
from ablework.support.access import VIEW, person_for_support
from ablework.support.selectors.difficulty import applications_of
from ablework.support.selectors.market import person_entry

router = Router(tags=["support"])


class Home(Schema):
    lat: float
    lon: float


class MarketEntry(Schema):
    """A person's entry of the matching contract's input (`persons`)."""

    id: str
    home: Home | None = Field(description="住所坐标；登记库尚无地区中心坐标，暂为 null")
    commute_km: int
    accepts_remote: bool
    max_hours_per_week: int
    wage_floor: str = Field(description="期望月工资下限（元），两位小数的字符串")
    abilities: dict[str, Any] = Field(
        description='各项工作要求的能力："can"、"cannot" 或 {"with": [便利条件, …]}；'
        '未列出的为 "can"'
    )
    needs: list[str]
    skills: str
    occupations: list[str]


@router.get(
    "/persons/{person_id}/market-entry",
    response={200: MarketEntry, **error_responses(401, 404, 422)},
)
@shows_persons
def market_entry(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """The person's entry for matching, from their latest assessment and needs (today)."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=VIEW)
    entry = person_entry(person, on=timezone.localdate())
    if entry is None:
        raise NotFound(_("该残疾人尚未完成职业能力评估和就业需求登记，还不能参与匹配。"))
    return entry


class DifficultyEntry(Schema):
    id: int
    state: str = Field(
        description="pending 待认定 / recognised 已认定 / refused 不予认定 / revoked 已撤销 / "
        "expired 已到期"
    )
    criteria: list[str]
    applied_on: date
    valid_from: date | None
    valid_until: date | None


class PersonDifficulty(Schema):
    """A person's employment-difficulty applications, newest first."""

    id: str
    applications: list[DifficultyEntry]


@router.get(
    "/persons/{person_id}/difficulty",
    response={200: PersonDifficulty, **error_responses(401, 404)},
)
@shows_persons
def person_difficulty(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """The person's employment-difficulty applications and decisions (reasons left out)."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=VIEW)
    return {
        "id": str(person.pk),
        "applications": [
            {
                "id": row.pk,
                "state": row.state,
                "criteria": row.criteria,
                "applied_on": row.applied_on,
                "valid_from": row.valid_from,
                "valid_until": row.valid_until,
            }
            for row in applications_of(person)
        ],
    }
