"""The graduates' three rates (建档率, 就业服务率, 就业率; docs/graduates.md), counted in the
database: the cohort ledger's rates and the indicators (support/measures.py) are both this count,
one GROUP BY query whatever the number of graduates.

- registered: matched to a person of the registry;
- served: the matched person has an employment service record, or an opportunity was offered,
  on or before the day read;
- wishing to work: the latest month recorded by then is neither 升学 nor 暂无就业意愿 (or none
  is recorded yet);
- employed: of those wishing to work, a month recorded 已就业 by then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from ablework.support.models import (
    Graduate,
    GraduateStatus,
    MonthlyStatus,
    Opportunity,
    ServiceRecord,
)

NOT_WISHING = (GraduateStatus.FURTHER_STUDY, GraduateStatus.NOT_SEEKING)
FIGURES = ("graduates", "registered", "served", "wishing", "employed")


def with_states(graduates: QuerySet[Graduate], *, on: date) -> QuerySet[Graduate]:
    """The graduates, each with whether they were served, their latest status and whether they
    were employed, as recorded by `on`."""
    return graduates.annotate(
        was_served=Exists(ServiceRecord.objects.filter(person=OuterRef("person_id"), on__lte=on))
        | Exists(Opportunity.objects.filter(graduate=OuterRef("pk"), offered_on__lte=on)),
        latest_status=Subquery(
            MonthlyStatus.objects.filter(graduate=OuterRef("pk"), month__lte=on)
            .order_by("-month")
            .values("status")[:1]
        ),
        was_employed=Exists(
            MonthlyStatus.objects.filter(
                graduate=OuterRef("pk"), month__lte=on, status=GraduateStatus.EMPLOYED
            )
        ),
    )


WISHING = Q(latest_status__isnull=True) | ~Q(latest_status__in=NOT_WISHING)
COUNTED = {
    "graduates": Count("pk"),
    "registered": Count("pk", filter=Q(person__isnull=False)),
    "served": Count("pk", filter=Q(was_served=True)),
    "wishing": Count("pk", filter=WISHING),
    "employed": Count("pk", filter=WISHING & Q(was_employed=True)),
}


def rate_counts(
    graduates: QuerySet[Graduate], *, on: date, by: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The figures of the three rates for `graduates` as of `on`, grouped `by` these columns
    (one row for all when none)."""
    rows = with_states(graduates.order_by(), on=on)
    if not by:
        return [{name: value or 0 for name, value in rows.aggregate(**COUNTED).items()}]
    return list(rows.values(*by).annotate(**COUNTED).order_by(*by))
