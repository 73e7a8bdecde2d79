"""The queue's precomputed state of each person's cycle ("who is due for what").

Every service that writes something the queue shows (a record of the 四个一, a plan, an
escalation) calls `refresh_cases` for the persons it touched, inside its own transaction, so
the queue and the completion figures change with the write. `refresh_region` brings a whole
region up to date (`ablework support refresh`, daily, or as a job): ages, certificates' end
dates and the overdue threshold move with the calendar. Both recount the completion totals
(services/totals.py) of the townships they touched, in the same transaction.

Both are set-based: per county, one INSERT … SELECT … ON CONFLICT DO UPDATE writes every row
from the registry and the four record tables (correlated subqueries on the (person, on)
indexes), then two UPDATEs derive what is due, since when, and whether it is overdue; the
escalation proposals the rule calls for are made (services/proposals.py: one SELECT of the
persons it fires for, their evidence, one bulk INSERT), and one UPDATE writes the figures beyond
the four (an approved plan, overdue plan actions, an open escalation). No Python loop runs over
all persons.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ablework.registry.models import FlagKind, Person, PersonFlag
from ablework.support.models import (
    Assessment,
    CycleCase,
    Graduate,
    InformationCheck,
    NeedsRegistration,
    Pillar,
    ServiceRecord,
)
from ablework.support.models.records import PersonRecord
from ablework.support.selectors.due import (
    WANTS_WORK_STATUS,
    Cycle,
    cycle_on,
    in_scope_q,
    overdue_after,
    working_age_at,
)
from ablework.support.services.proposals import follow_up, propose_escalations
from ablework.support.services.totals import lock_counties, places_of, recount, recount_places

RECORDS: dict[str, type[PersonRecord]] = {
    Pillar.CHECK: InformationCheck,
    Pillar.ASSESSMENT: Assessment,
    Pillar.NEEDS: NeedsRegistration,
    Pillar.SERVICE: ServiceRecord,
}
FLAGS = {
    "graduate": FlagKind.COLLEGE_STUDENT,
    "zero_employment": FlagKind.ZERO_EMPLOYMENT_FAMILY,
    "difficulty": FlagKind.EMPLOYMENT_DIFFICULTY,
}
# The columns the INSERT … SELECT writes, in order.
COLUMNS = (
    "person_id",
    "year",
    "county_code",
    "township_code",
    "community_code",
    "in_scope",
    "wants_work",
    "entered_on",
    "check_on",
    "assessment_on",
    "needs_on",
    "service_on",
    "graduate",
    "zero_employment",
    "difficulty",
    "owner_id",
    "refreshed_on",
    "due_check",
    "due_assessment",
    "due_needs",
    "due_service",
    "next_due",
    "overdue",
    "last_service_on",
    "last_next_step",
    "last_next_due",
)
# Kept from the stored row when the person stays in scope: when they entered it.
_ON_CONFLICT = """
ON CONFLICT (person_id, year) DO UPDATE SET {updates},
entered_on = CASE
    WHEN NOT excluded.in_scope THEN NULL
    WHEN {table}.in_scope AND {table}.entered_on IS NOT NULL THEN {table}.entered_on
    ELSE excluded.refreshed_on END
"""


def refresh_cases(*, person_ids: Collection[int], on: date | None = None) -> None:
    """Bring the precomputed cycle rows of these persons up to date as of `on` (today in
    China when None)."""
    ids = sorted(set(person_ids))
    if not ids:
        return
    day = on or timezone.localdate()
    with transaction.atomic():
        before = places_of(ids)
        counties = (
            Person.objects.filter(pk__in=ids).values_list("county_code", flat=True).distinct()
        )
        for county in sorted(counties):
            _refresh(
                Person.objects.filter(pk__in=ids, county_code=county),
                county=county,
                on=day,
                rows=CycleCase.objects.filter(person_id__in=ids),
            )
        # the completion totals of the townships they were and are in
        recount_places(before | places_of(ids))


def refresh_region(*, region_code: str = "", on: date | None = None) -> int:
    """Bring the cycle rows of every person of a region (all, when empty) up to date as of
    `on`, county by county; how many rows were written."""
    day = on or timezone.localdate()
    written = 0
    for county in _counties_with_persons(region_code):
        with transaction.atomic():
            year = cycle_on(day, jurisdiction=county).year
            listed = CycleCase.objects.filter(year=year, county_code=county)
            # Rows of persons who moved away: rewritten below with their new county.
            moved = list(listed.exclude(person__county_code=county).values_list("pk", flat=True))
            persons = Person.objects.filter(
                (Q(county_code=county) & in_scope_q(on=day, jurisdiction=county))
                | Q(pk__in=listed.values("person_id"))
            )
            rows = CycleCase.objects.filter(Q(county_code=county) | Q(pk__in=moved))
            written += _refresh(persons, county=county, on=day, rows=rows)
            # the county's completion totals, and those of the counties the movers went to
            arrived = set(
                CycleCase.objects.filter(pk__in=moved)
                .values_list("county_code", flat=True)
                .distinct()
                .order_by()
            )
            lock_counties({county, *arrived})
            for place in sorted({county, *arrived}):
                recount(year=year, county=place)
    return written


def _counties_with_persons(region_code: str) -> list[str]:
    """The counties of the region where persons are registered or cases were placed."""
    persons = Person.objects.filter(county_code__startswith=region_code)
    cases = CycleCase.objects.filter(county_code__startswith=region_code)
    codes = set(persons.values_list("county_code", flat=True).distinct().order_by())
    codes |= set(cases.values_list("county_code", flat=True).distinct().order_by())
    return sorted(codes)


def refresh_job(region_code: str, on: str) -> str:
    """The work of the whole-region refresh job (jobs.services.enqueue_job)."""
    written = refresh_region(region_code=region_code, on=date.fromisoformat(on))
    return f"已更新 {written} 人的“四个一”服务情况。"


def _refresh(persons: QuerySet[Person], *, county: str, on: date, rows: QuerySet[CycleCase]) -> int:
    cycle = cycle_on(on, jurisdiction=county)
    select = _select(persons, cycle=cycle, on=on, county=county)
    sql, params = select.query.sql_with_params()
    table = CycleCase._meta.db_table
    kept = ("person_id", "year", "entered_on")
    updates = ", ".join(f"{name} = excluded.{name}" for name in COLUMNS if name not in kept)
    statement = f"INSERT INTO {table} ({', '.join(COLUMNS)}) {sql} " + _ON_CONFLICT.format(
        updates=updates, table=table
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        written = cursor.rowcount
    refreshed = rows.filter(year=cycle.year, refreshed_on=on)
    _derive(refreshed, cycle=cycle, on=on)
    propose_escalations(refreshed.filter(county_code=county), county=county, on=on)
    follow_up(refreshed, on=on)
    return max(written, 0)


def _latest(model: type[PersonRecord], cycle: Cycle, on: date, field: str) -> Subquery:
    records = model._default_manager.filter(person=OuterRef("pk"), on__gte=cycle.start, on__lte=on)
    return Subquery(records.order_by("-on", "-pk").values(field)[:1])


def _last_service(field: str, on: date) -> Subquery:
    records = ServiceRecord.objects.filter(person=OuterRef("pk"), on__lte=on)
    return Subquery(records.order_by("-on", "-pk").values(field)[:1])


def _flag(kind: str, on: date) -> Exists:
    flags = PersonFlag.objects.filter(person=OuterRef("pk"), kind=kind, started_on__lte=on)
    return Exists(flags.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on)))


def _on_ledger(cycle: Cycle) -> Exists:
    graduates = Graduate.objects.filter(person=OuterRef("pk"), cohort__year__gte=cycle.year - 1)
    return Exists(graduates)


def _select(persons: QuerySet[Person], *, cycle: Cycle, on: date, county: str) -> QuerySet:
    """The rows to write, as a SELECT whose columns are COLUMNS in order."""
    boolean = BooleanField()
    in_scope = in_scope_q(on=on, jurisdiction=county)
    wants = Q(employment_status=WANTS_WORK_STATUS) | Q(c_check_wants=True)
    owner = Coalesce(
        *(_latest(RECORDS[p], cycle, on, "recorded_by") for p in reversed(Pillar.values)),
        output_field=IntegerField(),
    )
    annotations = {
        "c_person": F("pk"),
        "c_year": Value(cycle.year),
        "c_county": F("county_code"),
        "c_township": F("township_code"),
        "c_community": F("residence_region_code"),
        "c_in_scope": Case(When(in_scope, then=Value(True)), default=Value(False)),
        "c_check_wants": _latest(InformationCheck, cycle, on, "wants_work"),
    }
    first = persons.annotate(**annotations)
    later = {
        "c_wants_work": Case(When(wants, then=Value(True)), default=Value(False)),
        "c_entered": Case(
            When(~in_scope, then=Value(None)),
            When(working_age_at(cycle.start, jurisdiction=county), then=Value(cycle.start)),
            default=Value(on),
            output_field=DateField(),
        ),
        **{f"c_{p}_on": _latest(RECORDS[p], cycle, on, "on") for p in Pillar.values},
        **{f"c_{name}": _flag(kind, on) for name, kind in FLAGS.items()},
        # a graduate is flagged in the registry, or on the ledger of this or last year's cohort
        "c_graduate": Case(
            When(Q(_flag(FLAGS["graduate"], on)) | Q(_on_ledger(cycle)), then=Value(True)),
            default=Value(False),
        ),
        "c_owner": owner,
        "c_refreshed": Value(on, output_field=DateField()),
        # Derived afterwards (_derive); written here as placeholders.
        **{f"c_due_{p}": Value(False, output_field=boolean) for p in Pillar.values},
        "c_next_due": Value(""),
        "c_overdue": Value(False, output_field=boolean),
        # The latest service of any cycle, for the counsellor's home card.
        "c_last_on": _last_service("on", on),
        "c_last_step": Coalesce(_last_service("next_step", on), Value("")),
        "c_last_due": _last_service("next_due", on),
    }
    names = [*annotations.keys(), *later.keys()]
    names.remove("c_check_wants")
    return first.annotate(**later).values_list(*names).order_by()


def _derive(rows: QuerySet[CycleCase], *, cycle: Cycle, on: date) -> None:
    """What is due, the first of it, since when, and whether it is overdue, from the row's own
    columns."""
    due = {
        Pillar.CHECK: Q(in_scope=True, check_on__isnull=True),
        **{
            pillar: Q(in_scope=True, wants_work=True, **{f"{pillar}_on__isnull": True})
            for pillar in (Pillar.ASSESSMENT, Pillar.NEEDS, Pillar.SERVICE)
        },
    }
    entered = F("entered_on")
    since_earlier = Greatest(
        entered,
        Coalesce("check_on", entered),
        Coalesce("assessment_on", entered),
        Coalesce("needs_on", entered),
        output_field=DateField(),
    )
    rows.update(
        **{
            f"due_{pillar}": Case(When(q, then=Value(True)), default=Value(False))
            for pillar, q in due.items()
        },
        next_due=Case(
            *(When(q, then=Value(str(pillar))) for pillar, q in due.items()), default=Value("")
        ),
        waiting_since=Case(
            When(due[Pillar.CHECK], then=entered),
            When(
                due[Pillar.ASSESSMENT] | due[Pillar.NEEDS] | due[Pillar.SERVICE], then=since_earlier
            ),
            default=Value(None),
            output_field=DateField(),
        ),
    )
    overdue = ~Q(next_due="")
    if on <= cycle.deadline:  # after the deadline, whatever is still due is overdue
        overdue &= Q(waiting_since__lt=on - overdue_after())
    rows.update(overdue=Case(When(overdue, then=Value(True)), default=Value(False)))
