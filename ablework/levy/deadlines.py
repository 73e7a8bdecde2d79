"""The 联网认证 deadline of a levy year for a place: the local parameter
`levy.certification_deadline` (no national value: each province, city or county records its own
with `rules local set` or on 本地参数)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ablework.registry.rulebook import rules_region
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree

DEADLINE = "levy.certification_deadline"


@dataclass(frozen=True)
class Deadline:
    """The deadline for one county, or None with the reason it is not known."""

    on: date | None
    reference: str


def season_deadline(tree: ParameterTree, county_code: str, levy_year: int) -> Deadline:
    """The deadline of levy year Y's season (held in year Y + 1), as recorded for the county or
    a region above it: the value in force at the end of that season, when it is a date of that
    season; otherwise none (a value recorded for another season does not count)."""
    ctx = Evaluation(tree, rules_region(county_code), date(levy_year + 1, 12, 31))
    found = ctx.find(DEADLINE)
    if found is None or found.value is None:
        return Deadline(None, "")
    value = found.value if isinstance(found.value, date) else date.fromisoformat(str(found.value))
    if value.year != levy_year + 1:
        return Deadline(None, "")
    return Deadline(value, found.dated.reference.render(found.dated.confidence))
