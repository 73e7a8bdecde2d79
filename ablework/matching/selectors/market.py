"""The database path of matching: the contract's market (`../shared/domain/matching-contract.md`)
built from the registry, the assessments and needs registrations, and the postings, so the
pages and the batch recommendations call the same engine on the same JSON as
`ablework match --input`.

    build_market(persons, postings, *, on) -> MarketBuild
        .input             the contract's input, as_of = on
        .skipped_persons   (person id, why, in plain words): no assessment or needs registration,
                           a merged record, no centre for their township or county
        .skipped_postings  (posting id, why): no known minimum wage for the county on the day
                           (济宁's counties from 2023-10-01: docs/rules.md), no place even by its
                           township's or county's centre
    open_postings_for(regions, on) -> the open postings persons of those regions can be matched to

Bulk: persons in a few queries (support/selectors/market.py), postings in one query for their
values (a queryset is read as rows, not models), one for the regions' centres and one minimum
wage lookup per county — the same for one posting or ten thousand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from ablework.matching.models import POSTING_PLACE, JobPosting, PostingStatus
from ablework.matching.selectors.entries import EntryBuilder, PostingLike
from ablework.matching.selectors.skips import county_with_city
from ablework.matching.selectors.wages import PARAMETER
from ablework.registry.models import Person
from ablework.support.selectors.market import person_entries

POSTING_FIELDS = (
    "pk",
    "status",
    "valid_until",
    "openings",
    "openings_filled",
    "county_code",
    "township_code",
    "latitude",
    "longitude",
    "wage_min",
    "wage_max",
    "hours_per_week",
    "demands",
    "offers",
    "title",
    "occupation",
    "tasks",
)


@dataclass(slots=True)
class PostingRow:
    """A posting's values as the engine's entry reads them (no model instance: ten thousand
    rows are read many times faster as values)."""

    pk: int
    status: str
    valid_until: date
    openings: int
    openings_filled: int
    county_code: str
    township_code: str
    latitude: Decimal | None
    longitude: Decimal | None
    wage_min: Decimal
    wage_max: Decimal
    hours_per_week: int
    demands: dict[str, str]
    offers: list[str]
    title: str
    occupation: str
    tasks: str

    @property
    def openings_left(self) -> int:
        return max(self.openings - self.openings_filled, 0)


@dataclass(frozen=True)
class MarketBuild:
    input: dict[str, Any]
    skipped_persons: list[tuple[int, str]] = field(default_factory=list)
    skipped_postings: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PostingSide:
    entries: list[dict[str, Any]]
    skipped: list[tuple[int, str]]


def posting_rows(postings: Iterable[JobPosting] | QuerySet[JobPosting]) -> list[PostingLike]:
    """The postings as rows (a queryset in one query) or as the models given."""
    if isinstance(postings, QuerySet):
        return [PostingRow(*values) for values in postings.values_list(*POSTING_FIELDS)]
    return list(postings)


def no_wage_text(county_code: str, on: date) -> str:
    """Why a posting is left out when its county's minimum wage is unknown, and what to do."""
    return _(
        "%(county)s %(day)s 的最低工资未知（参数 %(parameter)s 没有已知的标准），无法核对岗位工资"
        "是否合法，暂不参与匹配；在“本地参数”中录入该县（市、区）的月最低工资标准及其依据文件，"
        "经另一人审核通过后即可参与"
    ) % {
        "county": county_with_city(county_code) or county_code,
        "day": on.isoformat(),
        "parameter": PARAMETER,
    }


def posting_side(postings: Iterable[JobPosting] | QuerySet[JobPosting], *, on: date) -> PostingSide:
    """The contract's `postings` entries as of `on`; those that cannot enter are skipped."""
    rows = posting_rows(postings)
    builder = EntryBuilder(rows, on)
    entries: list[dict[str, Any]] = []
    skipped: list[tuple[int, str]] = []
    for row in rows:
        entry = builder.entry(row)
        if entry["minimum_wage_monthly"] is None:
            skipped.append((row.pk, no_wage_text(row.county_code, on)))
        elif entry["place"] is None:
            skipped.append(
                (
                    row.pk,
                    _(
                        "岗位没有填写经纬度，所在乡镇（街道）和县（市、区）也没有中心坐标，"
                        "无法计算通勤距离；请在岗位上填写工作地点的经纬度"
                    ),
                )
            )
        else:
            entries.append(entry)
    return PostingSide(entries=entries, skipped=skipped)


def build_market(
    persons: Iterable[Person] | QuerySet[Person],
    postings: Iterable[JobPosting] | QuerySet[JobPosting],
    *,
    on: date,
) -> MarketBuild:
    """The contract's market of these persons and postings as of `on`, with those left out."""
    people = person_entries(persons, on=on)
    jobs = posting_side(postings, on=on)
    return MarketBuild(
        input={"as_of": on.isoformat(), "persons": people.entries, "postings": jobs.entries},
        skipped_persons=people.skipped,
        skipped_postings=jobs.skipped,
    )


def provinces_of(regions: str | Iterable[str]) -> list[str]:
    """The two-digit province prefixes of region codes."""
    codes = [regions] if isinstance(regions, str) else list(regions)
    return sorted({code[:2] for code in codes if len(code) >= 2})


def open_postings_for(regions: str | Iterable[str], on: date) -> QuerySet[JobPosting]:
    """The postings persons of `regions` can be matched to on `on`: open, valid that day, with an
    opening left, with their work in the same province (a commute may cross a county's or a
    city's border; the engine's distance decides). Ordered by id, as the engine's columns are."""
    provinces = provinces_of(regions)
    if not provinces:
        return JobPosting.objects.none()
    where = Q()
    for province in provinces:
        where |= POSTING_PLACE.inside(province)
    return JobPosting.objects.filter(
        where,
        status=PostingStatus.OPEN,
        valid_from__lte=on,
        valid_until__gte=on,
        openings_filled__lt=F("openings"),
    ).order_by("pk")
