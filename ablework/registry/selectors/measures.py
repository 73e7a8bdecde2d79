"""The registry's indicators (issue 14), computed set-based for a region and a period.

Each function answers `{(county code, township code): Tally}` for the region with the code
prefix `prefix` and the days `start`…`end` (both included), in one or two queries whatever the
region's size. A person is counted where they are registered now (属地管理: their county and
township), for the whole period: a person who moved county mid-quarter counts in the county
they moved to, with their whole history, as every record of theirs does; a locked quarter keeps
the figures it was approved with (docs/indicators.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from ablework.core.measure_parts import Place, Tally
from ablework.core.scoping import RegionFields
from ablework.registry.models import (
    CertificateEvent,
    CertificateEventKind,
    EmploymentKind,
    EmploymentPeriod,
    EmploymentStatus,
    Person,
    TrainingRecord,
    UrbanRural,
)
from ablework.registry.selectors.quarterly import update_counts
from ablework.registry.selectors.working_age import working_age_bounds, working_age_q

PERSON_PLACE = RegionFields(county="county_code", township="township_code")
THROUGH_PERSON = RegionFields(county="person__county_code", township="person__township_code")
ENDING_EVENTS = (CertificateEventKind.REVOKED, CertificateEventKind.HOLDER_DIED)


def _tally_rows(rows: Iterable[tuple[str, str, int]]) -> dict[Place, Tally]:
    return {(county, township or ""): Tally(n) for county, township, n in rows}


def _entrants(
    prefix: str, start: date, end: date, *, entered: Q, urban_only: bool = False
) -> dict[int, Place]:
    """Persons of the region who entered a period matching `entered` between `start` and `end`
    from a period that did not match it, each once, with their place. A person's first period
    is never an entry (the registry does not know what came before it)."""
    persons = Person.objects.filter(PERSON_PLACE.inside(prefix), merged_into__isnull=True)
    if urban_only:
        persons = persons.filter(urban_rural=UrbanRural.URBAN)
    candidates = persons.filter(
        Exists(
            EmploymentPeriod.objects.filter(
                entered, person=OuterRef("pk"), started_on__gte=start, started_on__lte=end
            )
        )
    )
    periods = (
        EmploymentPeriod.objects.filter(person__in=candidates.values("pk"), started_on__lte=end)
        .annotate(matches=ExpressionWrapper(Q(entered), output_field=BooleanField()))
        .order_by("person_id", "started_on", "id")
        .values_list(
            "person_id", "started_on", "matches", "person__county_code", "person__township_code"
        )
    )
    found: dict[int, Place] = {}
    last: tuple[int, bool] | None = None
    for person_id, started_on, matches, county, township in periods.iterator(chunk_size=5000):
        before = last[1] if last is not None and last[0] == person_id else None
        last = (person_id, bool(matches))
        if person_id in found or not matches or before is None or before:
            continue
        if start <= started_on <= end:
            found[person_id] = (county, township or "")
    return found


def _by_place(entrants: dict[int, Place]) -> dict[Place, Tally]:
    counted: dict[Place, int] = defaultdict(int)
    for place in entrants.values():
        counted[place] += 1
    return {place: Tally(n) for place, n in counted.items()}


EMPLOYED = Q(status=EmploymentStatus.EMPLOYED)
PUBLIC_WELFARE = Q(status=EmploymentStatus.EMPLOYED, kind=EmploymentKind.PUBLIC_WELFARE_POST)


def new_employment(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """城乡新增残疾人就业: persons who became employed in the period from not being employed."""
    return _by_place(_entrants(prefix, start, end, entered=EMPLOYED))


def new_employment_persons(prefix: str, start: date, end: date) -> set[int]:
    """The persons `new_employment` counts."""
    return set(_entrants(prefix, start, end, entered=EMPLOYED))


def new_urban_employment(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """城镇新增残疾人就业: the same, for persons registered as living in a town (城镇)."""
    return _by_place(_entrants(prefix, start, end, entered=EMPLOYED, urban_only=True))


def new_urban_employment_persons(prefix: str, start: date, end: date) -> set[int]:
    """The persons `new_urban_employment` counts."""
    return set(_entrants(prefix, start, end, entered=EMPLOYED, urban_only=True))


def new_public_welfare_posts(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """新增残疾人公益性岗位安置: persons who started in a public-welfare post in the period."""
    return _by_place(_entrants(prefix, start, end, entered=PUBLIC_WELFARE))


def new_public_welfare_posts_persons(prefix: str, start: date, end: date) -> set[int]:
    """The persons `new_public_welfare_posts` counts."""
    return set(_entrants(prefix, start, end, entered=PUBLIC_WELFARE))


def holders_on(day: date) -> Q:
    """Persons holding a 残疾人证 on `day`: issued by then (or since before the records) and
    neither revoked nor its holder dead by then (the certificate history, registry/models)."""
    ended = CertificateEvent.objects.filter(
        person=OuterRef("pk"), kind__in=ENDING_EVENTS, effective_on__lte=day
    )
    issued_later = CertificateEvent.objects.filter(
        person=OuterRef("pk"), kind=CertificateEventKind.ISSUED, effective_on__gt=day
    )
    issued_by = CertificateEvent.objects.filter(
        Q(effective_on__isnull=True) | Q(effective_on__lte=day),
        person=OuterRef("pk"),
        kind=CertificateEventKind.ISSUED,
    )
    return ~Exists(ended) & ~(Exists(issued_later) & ~Exists(issued_by))


def employed_on(day: date) -> Exists:
    """The person's employment history says employed on `day`."""
    return Exists(
        EmploymentPeriod.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day),
            person=OuterRef("pk"),
            status=EmploymentStatus.EMPLOYED,
            started_on__lte=day,
        )
    )


def employment_rate(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """就业年龄段持证残疾人就业率 on the period's last day: of the working-age certificate
    holders then (retirement by the rules engine's 2025 reform), those employed then."""
    del start  # a rate is read on the last day
    rows = (
        Person.objects.filter(
            PERSON_PLACE.inside(prefix),
            working_age_q(working_age_bounds(on=end)),
            holders_on(end),
            merged_into__isnull=True,
        )
        .annotate(employed=employed_on(end))
        .values("county_code", "township_code")
        .annotate(total=Count("pk"), employed_count=Count("pk", filter=Q(employed=True)))
        .values_list("county_code", "township_code", "employed_count", "total")
    )
    return {
        (county, township or ""): Tally(employed, total)
        for county, township, employed, total in rows
    }


def employment_rate_persons(prefix: str, start: date, end: date) -> tuple[set[int], set[int]]:
    """The persons of the rate's numerator (employed on the last day) and the rest of its
    denominator (the working-age certificate holders then not employed), as `employment_rate`
    counts them."""
    del start
    rows = (
        Person.objects.filter(
            PERSON_PLACE.inside(prefix),
            working_age_q(working_age_bounds(on=end)),
            holders_on(end),
            merged_into__isnull=True,
        )
        .annotate(employed=employed_on(end))
        .values_list("pk", "employed")
    )
    employed: set[int] = set()
    rest: set[int] = set()
    for pk, is_employed in rows:
        (employed if is_employed else rest).add(pk)
    return employed, rest


def _completed(prefix: str, start: date, end: date) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(
        THROUGH_PERSON.inside(prefix),
        person__merged_into__isnull=True,
        completed_on__gte=start,
        completed_on__lte=end,
    )


def training_attendances(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """培训残疾人人次: training records completed in the period (one per course finished)."""
    rows = (
        _completed(prefix, start, end)
        .values("person__county_code", "person__township_code")
        .annotate(n=Count("pk"))
        .values_list("person__county_code", "person__township_code", "n")
    )
    return _tally_rows(rows)


def training_persons(prefix: str, start: date, end: date) -> set[int]:
    """The persons behind `training_attendances` (one who finished two courses counts twice
    there, once here)."""
    return set(_completed(prefix, start, end).values_list("person_id", flat=True))


def jurisdiction_of_prefix(prefix: str) -> str:
    """The region whose rules apply to a region's figures: its own code (a province's or city's
    prefix padded to six digits), as the quarterly page uses the user's region."""
    return prefix.ljust(6, "0") if len(prefix) < 6 else prefix


def update_rate(prefix: str, start: date, end: date) -> dict[Place, Tally]:
    """更新率: of the registered working-age population on the last day read, those checked in
    the period — the quarterly update page's own count (selectors/quarterly.update_counts)."""
    rows = update_counts(
        persons=Person.objects.filter(PERSON_PLACE.inside(prefix)),
        start=start,
        end=end,
        today=timezone.localdate(),
        by=("county_code", "township_code"),
        jurisdiction=jurisdiction_of_prefix(prefix),
    )
    return {
        (row["county_code"], row["township_code"] or ""): Tally(row["updated"], row["registered"])
        for row in rows
    }
