"""The quarterly update round (季度更新制度): who is due, and how complete each area is.

The population to keep current is every working-age holder of a living certificate (valid or
expired, not revoked or deceased) whose record is not merged into another: "就业年龄段残疾人
就业状况和培训意向信息数据应录尽录". A person is updated in a quarter when their record was
checked (last verified) on a day inside it. Counts are GROUP BY queries, never Python loops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

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


def updated_in_quarter_q(quarter: Quarter, *, today: date) -> Q:
    """Checked inside the quarter. In the current quarter the latest check says it (checks are
    never dated in the future); for a past one, any check recorded then counts."""
    if quarter == Quarter.of(today):
        return Q(last_verified_on__gte=quarter.start)
    checks = Verification.objects.filter(verified_on__range=(quarter.start, quarter.end))
    return Q(last_verified_on__range=(quarter.start, quarter.end)) | Q(
        pk__in=checks.values("person_id")
    )


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
    population = registered_population(
        persons=persons, on=quarter.reference_day(today), jurisdiction=jurisdiction
    )
    rows = list(
        population.order_by()
        .values(field)
        .annotate(
            registered=Count("pk"),
            updated=Count("pk", filter=updated_in_quarter_q(quarter, today=today)),
        )
        .order_by(field)
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
