"""The levy's indicators (issue 14): levy assessed and levy collected in the period, in 元,
summed set-based for a region (core/measure_parts.py) in one query each.

An amount counts in the county the levy row holds — the county that assessed it, or that the
tax bureau's payment was imported for — and in the employer's township while the employer is
still registered in that county (blank otherwise): a unit that moved keeps its past levy where
it was assessed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Q, Sum

from ablework.core.measure_parts import Place, Tally
from ablework.levy.models import Assessment, CollectedPayment

COLUMNS = ("county_code", "employer__county_code", "employer__township_code")


def _places(rows: Iterable[tuple[str, str, str, Decimal | None]]) -> dict[Place, Tally]:
    found: dict[Place, Decimal] = defaultdict(Decimal)
    for county, employer_county, township, amount in rows:
        place = (county, (township or "") if employer_county == county else "")
        found[place] += amount or Decimal(0)
    return {place: Tally(amount) for place, amount in found.items()}


def _inside(prefix: str) -> Q:
    """Rows of the region: its counties, and for a township the employers registered in it."""
    inside = Q(county_code__startswith=prefix[:6])
    if len(prefix) > 6:
        inside &= Q(employer__township_code__startswith=prefix)
    return inside


def levy_assessed(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """残疾人就业保障金核定: the levy due of the employers assessed from `start` to `end` (the
    assessment run's day; each employer's year as its last run found it)."""
    rows = (
        Assessment.objects.filter(
            _inside(prefix),
            run__assessed_on__gte=start,
            run__assessed_on__lte=end,
            levy_due__isnull=False,
        )
        .values(*COLUMNS)
        .annotate(amount=Sum("levy_due"))
        .values_list(*COLUMNS, "amount")
        .order_by()
    )
    return _places(rows)


def levy_collected(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """残疾人就业保障金征收: what the tax bureau reports paid from `start` to `end` (缴款日期)."""
    rows = (
        CollectedPayment.objects.filter(_inside(prefix), paid_on__gte=start, paid_on__lte=end)
        .values(*COLUMNS)
        .annotate(amount=Sum("amount"))
        .values_list(*COLUMNS, "amount")
        .order_by()
    )
    return _places(rows)


def _by_employer(rows: Iterable[tuple[int, Decimal | None]]) -> dict[int, Decimal]:
    found: dict[int, Decimal] = defaultdict(Decimal)
    for employer, amount in rows:
        found[employer] += amount or Decimal(0)
    return dict(found)


def levy_assessed_units(prefix: str, start: date, end: date) -> dict[int, Decimal]:
    """The employers behind `levy_assessed`, each with its levy due in the period."""
    rows = (
        Assessment.objects.filter(
            _inside(prefix),
            run__assessed_on__gte=start,
            run__assessed_on__lte=end,
            levy_due__isnull=False,
        )
        .values("employer_id")
        .annotate(amount=Sum("levy_due"))
        .values_list("employer_id", "amount")
        .order_by()
    )
    return _by_employer(rows)


def levy_collected_units(prefix: str, start: date, end: date) -> dict[int, Decimal]:
    """The employers behind `levy_collected`, each with what it paid in the period."""
    rows = (
        CollectedPayment.objects.filter(_inside(prefix), paid_on__gte=start, paid_on__lte=end)
        .values("employer_id")
        .annotate(amount=Sum("amount"))
        .values_list("employer_id", "amount")
        .order_by()
    )
    return _by_employer(rows)
