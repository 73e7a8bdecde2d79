"""The quarterly update round (季度更新制度): who is due, and how complete each area is.

The population to keep current is every working-age holder of a living certificate (valid or
expired, not revoked or deceased) whose record is not merged into another: "就业年龄段残疾人
就业状况和培训意向信息数据应录尽录". A person is updated in a quarter when their record was
checked (last verified) on a day inside it. Counts are GROUP BY queries, never Python loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet

from ablework.core.region_names import region_name
from ablework.registry.models import CertificateStatus, Person, Verification
from ablework.registry.quarters import Quarter
from ablework.registry.selectors.search import LIST_FIELDS
from ablework.registry.selectors.working_age import working_age_bounds, working_age_q

LIVING_CERTIFICATES = (CertificateStatus.VALID, CertificateStatus.EXPIRED)
AreaLevel = Literal["county", "township"]


def registered_population(
    *, persons: QuerySet[Person], on: date, jurisdiction: str = ""
) -> QuerySet[Person]:
    """Working-age persons on `on` with a living certificate, not merged into another record."""
    bounds = working_age_bounds(on=on, jurisdiction=jurisdiction)
    return persons.filter(
        working_age_q(bounds),
        merged_into__isnull=True,
        certificate_status__in=LIVING_CERTIFICATES,
    )


def updated_between_q(start: date, end: date, *, today: date) -> Q:
    """Checked on a day from `start` to `end`. While the days run (`end` not before today) the
    latest check says it (checks are never dated in the future); for past days, any check
    recorded then counts."""
    if end >= today:
        return Q(last_verified_on__gte=start)
    checks = Verification.objects.filter(verified_on__range=(start, end))
    return Q(last_verified_on__range=(start, end)) | Q(pk__in=checks.values("person_id"))


def updated_in_quarter_q(quarter: Quarter, *, today: date) -> Q:
    """Checked inside the quarter (the update round's period)."""
    return updated_between_q(quarter.start, quarter.end, today=today)


def persons_due_for_update(
    *, persons: QuerySet[Person], quarter: Quarter, today: date, jurisdiction: str = ""
) -> QuerySet[Person]:
    """The registered working-age persons not yet updated in `quarter`."""
    population = registered_population(
        persons=persons, on=quarter.reference_day(today), jurisdiction=jurisdiction
    )
    return population.exclude(updated_in_quarter_q(quarter, today=today)).only(*LIST_FIELDS)


@dataclass(frozen=True)
class AreaCompletion:
    """Registered working-age persons of an area and how many were updated in the quarter."""

    code: str
    name: str
    registered: int
    updated: int

    @property
    def missing(self) -> int:
        """Persons still due."""
        return self.registered - self.updated

    @property
    def rate(self) -> float | None:
        """更新率: updated ÷ registered (None for an area with nobody registered)."""
        return self.updated / self.registered if self.registered else None


def update_counts(
    *,
    persons: QuerySet[Person],
    start: date,
    end: date,
    today: date,
    by: tuple[str, ...],
    jurisdiction: str = "",
) -> list[dict[str, Any]]:
    """更新率's figures grouped `by` the given columns, in one GROUP BY query: the registered
    population on the last day read (`end`, or today while the days run) and how many of them
    were checked from `start` to `end`. The quarterly page and the indicator (measures) both
    count with this."""
    population = registered_population(
        persons=persons, on=min(today, end), jurisdiction=jurisdiction
    )
    return list(
        population.order_by()
        .values(*by)
        .annotate(
            registered=Count("pk"),
            updated=Count("pk", filter=updated_between_q(start, end, today=today)),
        )
        .order_by(*by)
    )


def update_completion(
    *,
    persons: QuerySet[Person],
    quarter: Quarter,
    today: date,
    by: AreaLevel,
    jurisdiction: str = "",
) -> list[AreaCompletion]:
    """Completion of the quarter's round per county or township (one GROUP BY query)."""
    field = "county_code" if by == "county" else "township_code"
    rows = update_counts(
        persons=persons,
        start=quarter.start,
        end=quarter.end,
        today=today,
        by=(field,),
        jurisdiction=jurisdiction,
    )
    return [
        AreaCompletion(
            code=row[field],
            name=region_name(row[field]),
            registered=row["registered"],
            updated=row["updated"],
        )
        for row in rows
    ]


def total_completion(rows: list[AreaCompletion]) -> AreaCompletion:
    """The sum of the areas' rows."""
    return AreaCompletion(
        code="",
        name="",
        registered=sum(row.registered for row in rows),
        updated=sum(row.updated for row in rows),
    )
