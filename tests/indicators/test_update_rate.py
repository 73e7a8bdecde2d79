"""更新率 as an indicator, on a constructed 2026Q2 in 任城区 whose value is worked out by hand,
and the same figure as the quarterly update page's (one count, registry/selectors/quarterly)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.registry.models import Person, Verification
from ablework.registry.quarters import Quarter
from ablework.registry.selectors.quarterly import update_completion
from tests.registry.factories import PersonFactory

RENCHENG, WEISHAN = "370811", "370826"
Q2 = parse_period("2026Q2")


def person(*, checks: tuple[date, ...] = (), last: date | None = None, **fields: Any) -> Person:
    """A person whose checks are exactly `checks` and whose latest check is `last`."""
    created = PersonFactory(**fields)
    Verification.objects.filter(person=created).delete()
    for day in checks:
        Verification.objects.create(person=created, verified_on=day, method="quarterly_update")
    Person.objects.filter(pk=created.pk).update(last_verified_on=last)
    return created


@pytest.fixture
def round_2026q2(db: None) -> dict[str, Person]:
    people = {
        # checked on 10 May: updated
        "a": person(checks=(date(2026, 5, 10),), last=date(2026, 5, 10)),
        # checked on 20 April and again on 1 August: updated in Q2 (the check is kept)
        "b": person(checks=(date(2026, 4, 20), date(2026, 8, 1)), last=date(2026, 8, 1)),
        # last checked on 31 March: due, not updated
        "c": person(checks=(date(2026, 3, 31),), last=date(2026, 3, 31)),
        # checked on 1 June in 微山县, then moved to 任城区: counts in 任城区
        "d": person(checks=(date(2026, 6, 1),), last=date(2026, 6, 1), county_code=WEISHAN),
        # retired: born January 1960, past the retirement age on 30 June; checked anyway
        "e": person(checks=(date(2026, 5, 1),), last=date(2026, 5, 1), birth_date=date(1960, 1, 1)),
        # died: certificate 已死亡; checked before
        "f": person(checks=(date(2026, 4, 2),), last=date(2026, 4, 2)),
        # a duplicate merged into a: not counted again
        "g": person(checks=(date(2026, 5, 10),), last=date(2026, 5, 10)),
        # 微山县, never checked
        "h": person(county_code=WEISHAN),
    }
    Person.objects.filter(pk=people["d"].pk).update(county_code=RENCHENG)
    Person.objects.filter(pk=people["f"].pk).update(certificate_status="deceased")
    Person.objects.filter(pk=people["g"].pk).update(merged_into=people["a"])
    return people


def update_figure(code: str) -> Any:
    region = Region.objects.get(code=code)
    measures = [m for m in catalogue() if m.code == "update_rate"]
    return figures_for(region, Q2, measures=measures)[0]


def test_update_rate_counts_the_checked_among_those_due(round_2026q2: dict[str, Person]) -> None:
    # given the quarter's checks
    # when 任城区's update rate is read
    figure = update_figure(RENCHENG)
    # then A, B, C and D (moved in) are due — E retired, F died, G merged — and A, B, D were checked
    assert figure.total == Tally(3, 4)
    assert figure.total.percent() == Decimal("75.0")
    # and 微山县 has only H, not checked: D counts where registered now
    assert update_figure(WEISHAN).total == Tally(0, 1)


def test_the_city_adds_its_counties(round_2026q2: dict[str, Person]) -> None:
    parts = {part.code: part.tally for part in update_figure("370800").parts}
    assert parts[RENCHENG] == Tally(3, 4)
    assert parts[WEISHAN] == Tally(0, 1)
    assert update_figure("370800").total == Tally(3, 5)


def test_the_quarterly_page_counts_the_same(round_2026q2: dict[str, Person]) -> None:
    # given the quarterly page's completion of the same quarter, read after it ended
    rows = update_completion(
        persons=Person.objects.all(),
        quarter=Quarter(2026, 2),
        today=date(2026, 12, 1),
        by="county",
        jurisdiction="370800",
    )
    found = {row.code: (row.updated, row.registered) for row in rows}
    # then it says what the indicator says
    assert found[RENCHENG] == (3, 4)
    assert found[WEISHAN] == (0, 1)
