"""The risk score of many declarations at once, set-based: a constant number of queries per
batch of declarations (their lines and months; the registry holders of every certificate with
their dated certificate events; the months every employer's filed declarations declared for
those persons, across all regions; the dispatch agencies' placements of the year; the
employers' previous-year rosters), then the eight signals worked out in memory. Nothing is
written here (quota/services/risk.py stores the result)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, QuerySet

from ablework.quota.models import FILED_STATUSES, Declaration, EmploymentForm, LineMonth, RosterLine
from ablework.quota.risk import parameters as p
from ablework.quota.risk.signals import Level, RaisedSignal, SignalCode, level_of
from ablework.quota.selectors.checker import rules_tree
from ablework.quota.selectors.counted_elsewhere import months_by_employer
from ablework.registry.models import CertificateEvent, CertificateEventKind, Person
from ablework.registry.rulebook import rules_region
from ablework.registry.selectors.certificates import persons_by_certificate
from ablework.registry.selectors.working_age import category_of
from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn.retirement import month_index, statutory_retirement

T = TypeVar("T")
CHUNK = 2000
# Municipalities directly under the central government: the province is the city.
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})


@dataclass
class Scored:
    """One declaration's score: the raised signals, heaviest first."""

    declaration_id: int
    version: int
    signals: list[RaisedSignal] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(signal.weight for signal in self.signals)

    @property
    def level(self) -> Level:
        return level_of(self.score)

    @property
    def top_signal(self) -> str:
        return str(self.signals[0].code) if self.signals else ""

    def signals_json(self) -> list[dict[str, Any]]:
        return [signal.to_json() for signal in self.signals]


@dataclass
class _Line:
    pk: int
    index: int
    digest: str
    contract_start: date | None
    dispatched: bool
    agency: str
    months: dict[int, tuple[Decimal, bool]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Person:
    pk: int
    sex: str
    birth_date: date
    base_age: int | None
    home_code: str


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def far_apart(workplace: str, home: str) -> bool:
    """Another province, or inside a province another city (first four digits); in a
    municipality directly under the central government only another province counts."""
    if len(workplace) < 4 or len(home) < 4:
        return False
    if workplace[:2] != home[:2]:
        return True
    return workplace[:2] not in MUNICIPALITIES and workplace[:4] != home[:4]


class _Batch:
    """The facts of one batch of declarations (one levy year), read in a constant number of
    queries, and the signals worked out from them."""

    def __init__(
        self,
        rows: list[tuple[int, int, str, int, int]],
        year: int,
        tree: ParameterTree,
        today: date,
    ) -> None:
        self.rows = rows
        self.year = year
        self.tree = tree
        self.today = today
        ids = [row[0] for row in rows]
        self.lines: dict[int, list[_Line]] = defaultdict(list)
        by_pk: dict[int, _Line] = {}
        for chunk in _chunks(ids):
            for pk, decl, index, digest, start, form, agency in RosterLine.objects.filter(
                declaration_id__in=chunk
            ).values_list(
                "pk",
                "declaration_id",
                "line",
                "certificate_hash",
                "contract_start",
                "employment_form",
                "dispatch_agency",
            ):
                line = _Line(pk, index, digest, start, form == EmploymentForm.DISPATCHED, agency)
                self.lines[decl].append(line)
                by_pk[pk] = line
            months = LineMonth.objects.filter(roster_line__declaration_id__in=chunk)
            for line_id, month, wage, counted in months.values_list(
                "roster_line_id", "month", "wage", "counted"
            ):
                by_pk[line_id].months[month] = (wage, counted)
        employers = {row[1] for row in rows}
        self.previous = self._previous_rosters(employers)
        hashes = {line.digest for lines in self.lines.values() for line in lines if line.digest}
        hashes |= {digest for roster in self.previous.values() for digest in roster}
        self.holder = persons_by_certificate(hashes) if hashes else {}
        self._read_persons(set(self.holder.values()))
        numbers = hashes | {n for ns in self.numbers.values() for n in ns}
        self.declared = months_by_employer(numbers, year, counted_only=False)
        self.agencies = self._agencies(
            {line.agency for lines in self.lines.values() for line in lines if line.agency}
        )
        self.contexts: dict[str, Evaluation] = {}
        self.minimum_wages: dict[tuple[str, int], Decimal | None] = {}

    def _previous_rosters(self, employers: set[int]) -> dict[int, set[str]]:
        """Each employer's roster certificates in its filed declaration of the year before."""
        rosters: dict[int, set[str]] = {}
        for chunk in _chunks(sorted(employers)):
            filed = Declaration.objects.filter(
                employer_id__in=chunk, levy_year=self.year - 1, status__in=FILED_STATUSES
            )
            for employer in filed.values_list("employer_id", flat=True):
                rosters.setdefault(employer, set())
            lines = RosterLine.objects.filter(declaration__in=filed).values_list(
                "declaration__employer_id", "certificate_hash"
            )
            for employer, digest in lines:
                rosters[employer].add(digest)
        return rosters

    def _read_persons(self, ids: set[int]) -> None:
        self.persons: dict[int, _Person] = {}
        self.numbers: dict[int, set[str]] = defaultdict(set)
        self.events: dict[int, list[tuple[str, date | None, int | None]]] = defaultdict(list)
        for chunk in _chunks(sorted(ids)):
            for pk, sex, born, base, county, household, digest in Person.objects.filter(
                pk__in=chunk
            ).values_list(
                "pk",
                "sex",
                "birth_date",
                "retirement_base_age",
                "county_code",
                "household_region_code",
                "certificate_hash",
            ):
                self.persons[pk] = _Person(pk, sex, born, base, (household or county)[:6])
                self.numbers[pk].add(digest)
            events = CertificateEvent.objects.filter(person_id__in=chunk).order_by(
                "person_id", "effective_on", "id"
            )
            for person, kind, on, grade, digest in events.values_list(
                "person_id", "kind", "effective_on", "disability_grade", "certificate_hash"
            ):
                self.events[person].append((kind, on, grade))
                if digest:
                    self.numbers[person].add(digest)

    def _agencies(self, agencies: set[str]) -> dict[str, tuple[int, int]]:
        """Agency credit code → (placements, employers) in the year's filed declarations."""
        found: dict[str, tuple[int, int]] = {}
        for chunk in _chunks(sorted(agencies)):
            rows = (
                RosterLine.objects.filter(
                    dispatch_agency__in=chunk,
                    declaration__levy_year=self.year,
                    declaration__status__in=FILED_STATUSES,
                )
                .values("dispatch_agency")
                .annotate(
                    placements=Count("pk"), employers=Count("declaration__employer", distinct=True)
                )
                .values_list("dispatch_agency", "placements", "employers")
            )
            for agency, placements, employers in rows:
                found[agency] = (placements, employers)
        return found

    # --- the legal values, from the rules engine ---------------------------------------------

    def context(self, county: str) -> Evaluation:
        if county not in self.contexts:
            self.contexts[county] = Evaluation(self.tree, rules_region(county), self.today)
        return self.contexts[county]

    def minimum_wage(self, county: str, month: int) -> Decimal | None:
        key = (county, month)
        if key not in self.minimum_wages:
            found = self.context(county).find(
                "wages.minimum_wage_monthly", on=date(self.year, month, 1)
            )
            value = found.value if found is not None else None
            self.minimum_wages[key] = Decimal(value) if value is not None else None
        return self.minimum_wages[key]

    def retirement_index(self, county: str, person: _Person) -> int | None:
        sex, base = category_of(person.sex, person.base_age)
        try:
            found = statutory_retirement(
                self.context(county),
                sex,
                f"{person.birth_date:%Y-%m}",
                base,
                "retirement_base_age",
            )
        except (RuleError, KeyError, ValueError):
            return None
        return found.month_index

    # --- the signals -------------------------------------------------------------------------

    def score(self) -> list[Scored]:
        out = []
        for pk, employer, county, _year, version in self.rows:
            scored = Scored(pk, version)
            lines = sorted(self.lines.get(pk, []), key=lambda line: line.index)
            for check in (
                self.double_counted,
                self.minimum_wage_pattern,
                self.recent_certificate,
                self.december_hires,
                self.dispatch_agency,
                self.far_workplace,
                self.retirement,
                self.roster_change,
            ):
                raised = check(employer, county, lines)
                if raised is not None:
                    scored.signals.append(raised)
            scored.signals.sort(key=lambda s: (-s.weight, list(SignalCode).index(s.code)))
            out.append(scored)
        return out

    def person_of(self, line: _Line) -> _Person | None:
        pk = self.holder.get(line.digest)
        return self.persons.get(pk) if pk is not None else None

    def double_counted(self, employer: int, county: str, lines: list[_Line]) -> RaisedSignal | None:
        hit: list[int] = []
        months: set[int] = set()
        others: set[int] = set()
        for line in lines:
            person = self.person_of(line)
            numbers = self.numbers[person.pk] if person is not None else {line.digest}
            mine = set(line.months)
            for number in numbers:
                for other, declared in self.declared.get(number, {}).items():
                    overlap = mine & declared
                    if other != employer and overlap:
                        hit.append(line.index)
                        months |= overlap
                        others.add(other)
        if len(set(hit)) < p.DOUBLE_COUNTED_MIN_PERSONS:
            return None
        return RaisedSignal(
            SignalCode.DOUBLE_COUNTED,
            lines=hit,
            values={"persons": len(set(hit)), "months": sorted(months), "employers": len(others)},
        )

    def minimum_wage_pattern(
        self, employer: int, county: str, lines: list[_Line]
    ) -> RaisedSignal | None:
        if len(lines) < p.MINIMUM_WAGE_MIN_LINES:
            return None
        compared = 0
        last: Decimal | None = None
        for line in lines:
            if not line.months:
                return None
            for month, (wage, _counted) in line.months.items():
                minimum = self.minimum_wage(county, month)
                if minimum is None:
                    continue
                if wage != minimum:
                    return None
                compared += 1
                last = minimum
        if not compared:
            return None  # no minimum wage known for any month: nothing to compare
        return RaisedSignal(
            SignalCode.MINIMUM_WAGE,
            lines=[line.index for line in lines],
            values={"persons": len(lines), "minimum": f"{last:.2f}"},
        )

    def recent_certificate(
        self, employer: int, county: str, lines: list[_Line]
    ) -> RaisedSignal | None:
        window = timedelta(days=p.RECENT_CERTIFICATE_DAYS)
        hit = []
        for line in lines:
            person = self.person_of(line)
            if person is None or line.contract_start is None:
                continue
            grade: int | None = None
            for kind, on, new_grade in self.events.get(person.pk, []):
                fresh = kind == CertificateEventKind.ISSUED or (
                    kind == CertificateEventKind.REASSESSED
                    and new_grade is not None
                    and (grade is None or new_grade < grade)
                )
                if new_grade is not None:
                    grade = new_grade
                if fresh and on is not None and abs(on - line.contract_start) <= window:
                    hit.append(line.index)
                    break
        if len(hit) < p.RECENT_CERTIFICATE_MIN_PERSONS:
            return None
        return RaisedSignal(SignalCode.RECENT_CERTIFICATE, lines=hit, values={"persons": len(hit)})

    def december_hires(self, employer: int, county: str, lines: list[_Line]) -> RaisedSignal | None:
        started = [line for line in lines if line.contract_start is not None]
        december = [
            line.index
            for line in started
            if line.contract_start is not None
            and line.contract_start.month == 12
            and line.contract_start.year in (self.year - 1, self.year)
        ]
        if len(december) < p.DECEMBER_HIRES_MIN_LINES:
            return None
        if len(december) < p.DECEMBER_HIRES_SHARE * len(started):
            return None
        return RaisedSignal(
            SignalCode.DECEMBER_HIRES,
            lines=december,
            values={"count": len(december), "total": len(started)},
        )

    def dispatch_agency(
        self, employer: int, county: str, lines: list[_Line]
    ) -> RaisedSignal | None:
        heavy: dict[str, tuple[int, int]] = {}
        hit = []
        for line in lines:
            placements, employers = self.agencies.get(line.agency, (0, 0))
            if (
                line.agency
                and placements >= p.DISPATCH_AGENCY_MIN_PLACEMENTS
                and employers >= p.DISPATCH_AGENCY_MIN_EMPLOYERS
            ):
                heavy[line.agency] = (placements, employers)
                hit.append(line.index)
        if not heavy:
            return None
        agency, (placements, employers) = max(heavy.items(), key=lambda item: item[1])
        return RaisedSignal(
            SignalCode.DISPATCH_AGENCY,
            lines=hit,
            values={"agency": agency, "placements": placements, "employers": employers},
        )

    def far_workplace(self, employer: int, county: str, lines: list[_Line]) -> RaisedSignal | None:
        known = [(line, self.person_of(line)) for line in lines]
        persons = [(line, person) for line, person in known if person is not None]
        far = [line.index for line, person in persons if far_apart(county, person.home_code)]
        if len(far) < p.FAR_WORKPLACE_MIN_PERSONS or len(far) < p.FAR_WORKPLACE_SHARE * len(
            persons
        ):
            return None
        return RaisedSignal(
            SignalCode.FAR_WORKPLACE, lines=far, values={"far": len(far), "total": len(persons)}
        )

    def retirement(self, employer: int, county: str, lines: list[_Line]) -> RaisedSignal | None:
        hit = []
        for line in lines:
            person = self.person_of(line)
            if person is None or not line.months:
                continue
            reached = self.retirement_index(county, person)
            if reached is None:
                continue
            last = month_index(self.year, max(line.months))
            if reached - last <= p.RETIREMENT_WITHIN_MONTHS:
                hit.append(line.index)
        if len(hit) < p.RETIREMENT_MIN_PERSONS:
            return None
        return RaisedSignal(SignalCode.RETIREMENT, lines=hit, values={"persons": len(hit)})

    def _key(self, digest: str) -> str | int:
        return self.holder.get(digest, digest)

    def roster_change(self, employer: int, county: str, lines: list[_Line]) -> RaisedSignal | None:
        before = self.previous.get(employer)
        if before is None:
            return None  # no filed declaration the year before: nothing to compare
        now = {self._key(line.digest) for line in lines if line.digest}
        then = {self._key(digest) for digest in before if digest}
        union = now | then
        if len(union) < p.ROSTER_CHANGE_MIN_PERSONS:
            return None
        changed = len(union) - len(now & then)
        share = changed / len(union)
        if share < p.ROSTER_CHANGE_SHARE:
            return None
        joined = {self._key(line.digest): line.index for line in lines if line.digest}
        return RaisedSignal(
            SignalCode.ROSTER_CHANGE,
            lines=[joined[key] for key in now - then],
            values={
                "previous_year": self.year - 1,
                "changed": changed,
                "total": len(union),
                "share_percent": round(share * 100),
            },
        )


def score_declarations(
    declarations: QuerySet[Declaration],
    *,
    today: date,
    tree: ParameterTree | None = None,
) -> list[Scored]:
    """The score of each of these declarations (any years), in a constant number of queries per
    `CHUNK` declarations of a year."""
    tree = tree or rules_tree()
    rows = list(
        declarations.order_by("levy_year", "pk").values_list(
            "pk", "employer_id", "employer__county_code", "levy_year", "version"
        )
    )
    by_year: dict[int, list[tuple[int, int, str, int, int]]] = defaultdict(list)
    for row in rows:
        by_year[row[3]].append(row)
    out: list[Scored] = []
    for year, year_rows in by_year.items():
        for chunk in _chunks(year_rows):
            out.extend(_Batch(chunk, year, tree, today).score())
    return out
