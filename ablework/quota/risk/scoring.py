"""The risk score of many declarations at once: the eight signals worked out in memory from the
facts of each batch of declarations (quota/risk/facts.py, read in a constant number of
queries). Nothing is written here (quota/services/risk.py stores the result)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from ablework.quota.models import Declaration
from ablework.quota.risk import parameters as p
from ablework.quota.risk.facts import CHUNK, BatchFacts, Line, chunks
from ablework.quota.risk.signals import Level, RaisedSignal, SignalCode, level_of
from ablework.quota.selectors.checker import rules_tree
from ablework.registry.models import CertificateEventKind
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn.retirement import month_index

__all__ = ["CHUNK", "Scored", "far_apart", "score_declarations"]

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


def far_apart(workplace: str, home: str) -> bool:
    """Another province, or inside a province another city (first four digits); in a
    municipality directly under the central government only another province counts."""
    if len(workplace) < 4 or len(home) < 4:
        return False
    if workplace[:2] != home[:2]:
        return True
    return workplace[:2] not in MUNICIPALITIES and workplace[:4] != home[:4]


class _Batch(BatchFacts):
    """One batch's facts and the signals worked out from them."""

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

    def double_counted(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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
        self, employer: int, county: str, lines: list[Line]
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
        self, employer: int, county: str, lines: list[Line]
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

    def december_hires(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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

    def dispatch_agency(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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

    def far_workplace(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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

    def retirement(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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

    def roster_change(self, employer: int, county: str, lines: list[Line]) -> RaisedSignal | None:
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
        for chunk in chunks(year_rows):
            out.extend(_Batch(chunk, year, tree, today).score())
    return out
