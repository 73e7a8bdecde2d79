"""The matching indicators (issue 14): referrals made and hires through referrals in the
period, counted set-based for a region (core/measure_parts.py) in one query each. A referral
counts where its person is registered now (属地管理, as every record of theirs), whatever the
posting's place."""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from ablework.core.measure_parts import Place, Tally
from ablework.core.scoping import RegionFields
from ablework.matching.models import Referral, ReferralState, ReferralStep

PERSON = RegionFields(county="person__county_code", township="person__township_code")
STEP_PERSON = RegionFields(
    county="referral__person__county_code", township="referral__person__township_code"
)


def referrals_made(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """岗位推荐: referrals of a person to a posting made from `start` to `end` (推荐日期), each
    once; a request not (yet) referred is not one."""
    rows = (
        Referral.objects.filter(
            PERSON.inside(prefix),
            person__merged_into__isnull=True,
            referred_on__gte=start,
            referred_on__lte=end,
        )
        .values(PERSON.county, PERSON.township)
        .annotate(n=Count("pk"))
        .values_list(PERSON.county, PERSON.township, "n")
        .order_by()
    )
    return {(county, township or ""): Tally(n) for county, township, n in rows}


def referral_hires(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """推荐成功就业: referrals whose person started work at the posting from `start` to `end`
    (the hire's first day at work), each once."""
    rows = (
        ReferralStep.objects.filter(
            STEP_PERSON.inside(prefix),
            referral__person__merged_into__isnull=True,
            state=ReferralState.HIRED,
            referral__state=ReferralState.HIRED,
            started_on__gte=start,
            started_on__lte=end,
        )
        .values(STEP_PERSON.county, STEP_PERSON.township)
        .annotate(n=Count("referral_id", distinct=True))
        .values_list(STEP_PERSON.county, STEP_PERSON.township, "n")
        .order_by()
    )
    return {(county, township or ""): Tally(n) for county, township, n in rows}
