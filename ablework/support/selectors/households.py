"""Reads of the zero-employment households (零就业家庭): those of the actor's area, tracked
ones first (the longest tracked first), then the resolved ones, newest first; how long each has
been (or was) tracked; one household with its registered members noted as shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import note_shown
from ablework.registry.models import Person
from ablework.support.models import HouseholdMember, HouseholdStatus, ZeroEmploymentHousehold

# The most households one page lists; a township filter narrows a larger county (ours).
PAGE_SIZE = 200


def households_visible_to(
    actor: User, *, permission: Permission
) -> QuerySet[ZeroEmploymentHousehold]:
    return visible(actor, ZeroEmploymentHousehold, permission=permission)


def _with_members(rows: QuerySet[ZeroEmploymentHousehold]) -> QuerySet[ZeroEmploymentHousehold]:
    persons = Person.objects.only("pk", "name", "resident_id_masked", "merged_into_id")
    return rows.prefetch_related(
        Prefetch(
            "members",
            queryset=HouseholdMember.objects.select_related("flag")
            .prefetch_related(Prefetch("person", queryset=persons))
            .order_by("pk"),
        )
    )


def access_household(
    actor: User, household_id: int, *, permission: Permission
) -> ZeroEmploymentHousehold:
    """One household of the actor's area, or NotFound."""
    return access_one(
        actor,
        ZeroEmploymentHousehold.objects.all(),
        household_id,
        permission=permission,
        not_found_message=str(_("没有找到该零就业家庭。")),
    )


def shown_members(household: ZeroEmploymentHousehold) -> list[HouseholdMember]:
    """The registered members, each person noted as shown by the response being built."""
    members = list(household.members.select_related("person", "flag").order_by("pk"))
    for member in members:
        note_shown(member.person)
    return members


def days_tracked(household: ZeroEmploymentHousehold, *, today: date) -> int:
    """Days from recognition to the member's job (resolved) or to today (tracked)."""
    end = household.resolved_on or today
    return max((end - household.recognised_on).days, 0)


@dataclass(frozen=True)
class HouseholdLine:
    household: ZeroEmploymentHousehold
    members: list[HouseholdMember]
    days: int


@dataclass(frozen=True)
class HouseholdList:
    lines: list[HouseholdLine]
    total: int
    open: int


def household_list(
    rows: QuerySet[ZeroEmploymentHousehold],
    *,
    today: date,
    township: str = "",
    limit: int = PAGE_SIZE,
) -> HouseholdList:
    """The households of `rows` (already scoped), tracked first then resolved, at most `limit`."""
    if township:
        rows = rows.filter(township_code=township)
    figures = rows.aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(status=HouseholdStatus.OPEN))
    )
    ordered = rows.annotate(
        tracked=Case(
            When(status=HouseholdStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("tracked", "recognised_on", "pk")
    page = list(_with_members(ordered)[:limit])
    # Resolved ones newest first, after every tracked one.
    tracked = [h for h in page if h.status == HouseholdStatus.OPEN]
    resolved = sorted(
        (h for h in page if h.status != HouseholdStatus.OPEN),
        key=lambda h: (h.resolved_on or today, h.pk),
        reverse=True,
    )
    lines = [
        HouseholdLine(h, list(h.members.all()), days_tracked(h, today=today))
        for h in [*tracked, *resolved]
    ]
    return HouseholdList(lines=lines, total=figures["total"], open=figures["open"])
