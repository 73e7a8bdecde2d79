"""The facts the risk signals are worked out from, for one batch of declarations of a levy year,
read set-based in a constant number of queries: their lines and months; the registry holders of
every certificate with their dated certificate events; the months every employer's filed
declarations declared for those persons, across all regions; the dispatch agencies' placements
of the year; the employers' previous-year rosters; and the legal values from the rules engine
(quota/risk/scoring.py works out the signals from them)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from django.db.models import Count

from ablework.quota.models import FILED_STATUSES, Declaration, EmploymentForm, LineMonth, RosterLine
from ablework.quota.selectors.counted_elsewhere import months_by_employer
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.rulebook import rules_region
from ablework.registry.selectors.certificates import persons_by_certificate
from ablework.registry.selectors.working_age import category_of
from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn.retirement import statutory_retirement

T = TypeVar("T")
CHUNK = 2000


@dataclass
class Line:
    pk: int
    index: int
    digest: str
    contract_start: date | None
    dispatched: bool
    agency: str
    months: dict[int, tuple[Decimal, bool]] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonFacts:
    pk: int
    sex: str
    birth_date: date
    base_age: int | None
    home_code: str


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class BatchFacts:
    """The facts of one batch of declarations (one levy year), read in a constant number of
    queries."""

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
        self.lines: dict[int, list[Line]] = defaultdict(list)
        by_pk: dict[int, Line] = {}
        for chunk in chunks(ids):
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
                line = Line(pk, index, digest, start, form == EmploymentForm.DISPATCHED, agency)
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
        for chunk in chunks(sorted(employers)):
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
        self.persons: dict[int, PersonFacts] = {}
        self.numbers: dict[int, set[str]] = defaultdict(set)
        self.events: dict[int, list[tuple[str, date | None, int | None]]] = defaultdict(list)
        for chunk in chunks(sorted(ids)):
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
                self.persons[pk] = PersonFacts(pk, sex, born, base, (household or county)[:6])
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
        for chunk in chunks(sorted(agencies)):
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

    def retirement_index(self, county: str, person: PersonFacts) -> int | None:
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

    def person_of(self, line: Line) -> PersonFacts | None:
        pk = self.holder.get(line.digest)
        return self.persons.get(pk) if pk is not None else None

    def _key(self, digest: str) -> str | int:
        return self.holder.get(digest, digest)
