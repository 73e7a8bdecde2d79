"""The quota declarations' indicator (issue 14): declarations certified in the period, counted
set-based for a region (core/measure_parts.py) in one query. A declaration counts once, on the
day the federation certified it (审核确认), in the employer's county and township as registered
now; a correction of a certified declaration is not a second certification."""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from ablework.core.measure_parts import Place, Tally
from ablework.core.scoping import RegionFields
from ablework.quota.models import DeclarationEvent
from ablework.quota.transitions import Transition

EMPLOYER_PLACE = RegionFields(
    county="declaration__employer__county_code", township="declaration__employer__township_code"
)


def declarations_certified(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """按比例就业申报审核确认: declarations certified from `start` to `end` (China's days)."""
    rows = (
        DeclarationEvent.objects.filter(
            EMPLOYER_PLACE.inside(prefix),
            transition=str(Transition.CERTIFY),
            at__date__gte=start,
            at__date__lte=end,
        )
        .values(EMPLOYER_PLACE.county, EMPLOYER_PLACE.township)
        .annotate(n=Count("declaration_id", distinct=True))
        .values_list(EMPLOYER_PLACE.county, EMPLOYER_PLACE.township, "n")
        .order_by()
    )
    return {(county, township or ""): Tally(n) for county, township, n in rows}


def declarations_certified_units(prefix: str, start: date, end: date) -> dict[int, int]:
    """The employers behind `declarations_certified`, each with its declarations certified."""
    rows = (
        DeclarationEvent.objects.filter(
            EMPLOYER_PLACE.inside(prefix),
            transition=str(Transition.CERTIFY),
            at__date__gte=start,
            at__date__lte=end,
        )
        .values("declaration__employer_id")
        .annotate(n=Count("declaration_id", distinct=True))
        .values_list("declaration__employer_id", "n")
        .order_by()
    )
    return dict(rows)
