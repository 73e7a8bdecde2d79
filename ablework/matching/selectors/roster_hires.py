"""Hires from referrals for an employer's quota roster (申报名单): the referrals to the employer's
postings hired with a start day in the levy year, whether their person is on the year's roster
already (by the certificate numbers the roster's lines carry, a renumbered certificate too), and
the employer's declaration of the year that could take them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import DateField, OuterRef, Subquery

from ablework.accounts.models import User
from ablework.matching.models import Referral, ReferralState, ReferralStep
from ablework.matching.selectors.referrals import RECORD, referrals_visible_to
from ablework.quota.models import OPEN_STATUSES, Declaration, RosterLine
from ablework.quota.services.drafts import EDITABLE
from ablework.registry.selectors.certificates import persons_by_certificate


def start_day(referral: Referral) -> date | None:
    """The start day of a hired referral's hire (None for any other state)."""
    step = referral.steps.filter(state=ReferralState.HIRED).order_by("-pk").first()
    return step.started_on if step is not None else None


def persons_on_roster(declaration: Declaration) -> set[int]:
    """The registry persons whose certificate a line of the declaration's roster carries."""
    hashes = RosterLine.objects.filter(declaration=declaration).values_list(
        "certificate_hash", flat=True
    )
    return set(persons_by_certificate(set(hashes)).values())


def hires_for_roster(actor: User, declaration: Declaration) -> list[Referral]:
    """The referrals the actor may record to the declaration's employer's postings, hired with
    a start day in its levy year, whose person is not on its roster yet; earliest start first."""
    started = ReferralStep.objects.filter(referral=OuterRef("pk"), state=ReferralState.HIRED)
    rows = (
        referrals_visible_to(actor, permission=RECORD)
        .filter(posting__employer_id=declaration.employer_id, state=ReferralState.HIRED)
        .annotate(
            started_on=Subquery(
                started.order_by("-pk").values("started_on")[:1], output_field=DateField()
            )
        )
        .filter(started_on__year=declaration.levy_year)
    )
    on_roster = persons_on_roster(declaration)
    return [r for r in rows.order_by("started_on", "pk") if r.person_id not in on_roster]


@dataclass(frozen=True)
class RosterPlace:
    """Where a hire stands with the employer's roster of its start year: the open declaration
    of that year (None: none yet), whether it may still be changed, and whether the person is on
    its roster."""

    year: int
    declaration: Declaration | None
    editable: bool
    on_roster: bool


def roster_place(referral: Referral, started_on: date) -> RosterPlace:
    """The employer's declaration of the hire's start year, as it stands for this person."""
    declaration = (
        Declaration.objects.filter(
            employer_id=referral.posting.employer_id,
            levy_year=started_on.year,
            status__in=OPEN_STATUSES,
        )
        .order_by("-pk")
        .first()
    )
    return RosterPlace(
        year=started_on.year,
        declaration=declaration,
        editable=declaration is not None and declaration.status in EDITABLE,
        on_roster=declaration is not None and referral.person_id in persons_on_roster(declaration),
    )
