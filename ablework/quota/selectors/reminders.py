"""Who gets a reminder (催报) for a levy year: every employer of the area that declares for
itself and has not complied — no declaration of the year, a draft not submitted, or a returned
one not resubmitted (a rejected one counts as none). Employers that submitted, resubmitted or
were certified are skipped."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.scoping import inside_region_q
from ablework.employers.models import Employer
from ablework.quota.models import FILED_STATUSES, Declaration, DeclarationStatus

# Complied: the employer has filed the year's declaration (awaiting review or certified).
COMPLIED = FILED_STATUSES
NOT_STARTED, DRAFT, RETURNED = "not_started", "draft", "returned"


def to_remind(employers: QuerySet[Employer], *, year: int, area: str) -> QuerySet[Employer]:
    """The employers (already scoped to the sender) of the area to remind for `year`."""
    complied = Declaration.objects.filter(
        employer=OuterRef("pk"), levy_year=year, status__in=COMPLIED
    )
    return (
        employers.filter(inside_region_q(area))
        .filter(Q(parent__isnull=True) | Q(declares_separately=True))
        .exclude(Exists(complied))
    )


@dataclass(frozen=True)
class Preview:
    """How many employers will be reminded, why, and how many cannot be reached on the site."""

    total: int
    not_started: int
    draft: int
    returned: int
    unreachable: int


def state_of(employer_ids: list[int], year: int) -> dict[int, tuple[str, int | None]]:
    """Each employer's reason to be reminded and its open declaration (None when it has none)."""
    found: dict[int, tuple[str, int | None]] = dict.fromkeys(employer_ids, (NOT_STARTED, None))
    rows = Declaration.objects.filter(
        employer_id__in=employer_ids,
        levy_year=year,
        status__in=(DeclarationStatus.DRAFT, DeclarationStatus.RETURNED),
    ).values_list("employer_id", "status", "pk")
    for employer_id, status, pk in rows:
        found[employer_id] = (RETURNED if status == DeclarationStatus.RETURNED else DRAFT, pk)
    return found


def with_users(employer_ids: list[int]) -> dict[int, list[User]]:
    """The active employer users of each employer (who receive the message)."""
    users: dict[int, list[User]] = {}
    for user in User.objects.filter(
        employer_id__in=employer_ids, role=Role.EMPLOYER, is_active=True
    ).order_by("pk"):
        assert user.employer_id is not None
        users.setdefault(user.employer_id, []).append(user)
    return users


def preview(employers: QuerySet[Employer], *, year: int, area: str) -> Preview:
    """The count the page shows before sending (four counting queries, whatever the area's
    size)."""
    targets = to_remind(employers, year=year, area=area)
    open_ones = Declaration.objects.filter(employer__in=targets.values("pk"), levy_year=year)
    drafts = open_ones.filter(status=DeclarationStatus.DRAFT).count()
    returned = open_ones.filter(status=DeclarationStatus.RETURNED).count()
    total = targets.count()
    users = User.objects.filter(employer=OuterRef("pk"), role=Role.EMPLOYER, is_active=True)
    reachable = targets.filter(Exists(users)).count()
    return Preview(
        total=total,
        not_started=total - drafts - returned,
        draft=drafts,
        returned=returned,
        unreachable=total - reachable,
    )
