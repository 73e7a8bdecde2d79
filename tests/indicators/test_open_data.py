"""Open data (docs/open-data.md): small figures withheld by hand-worked tables (threshold 10),
complementary suppression so a withheld part cannot be worked out from the total minus the
others, the same decision in a region's own file and in its parent's, the public page and the
CSV, JSON and schema without signing in, and no person in them."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date

import pytest
from django.test import Client

from ablework.core.measure_parts import Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import measure_named
from ablework.indicators.open_schema import open_data_schema
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.open_data import COLUMNS, open_figures, threshold_for
from ablework.indicators.suppression import Withheld, is_small, withhold
from ablework.registry.models import Person
from tests.indicators.test_measures import person

T = 10
Q2 = parse_period("2026Q2")
RENCHENG, YANZHOU, WEISHAN = "370811", "370812", "370826"
GUHUAI, YUEHE, XIANYING = "370811001", "370811002", "370811003"


# --- the rules, by hand -------------------------------------------------------------------


def test_a_small_count_is_withheld_with_the_smallest_part_that_protects_it() -> None:
    # 40 in all: A 3 (small), B 25, C 12, D 0. A alone could be worked out as 40 − 25 − 12 − 0,
    # so C (the smallest part making the two no longer small: 3 + 12 = 15) goes too; D (0) and
    # B stay: 40 − 25 − 0 = 15 is A and C together.
    total, parts = withhold(
        Tally(40),
        [("A", Tally(3)), ("B", Tally(25)), ("C", Tally(12)), ("D", Tally(0))],
        T,
        rate=False,
    )
    assert total is None
    assert parts == {"A": Withheld.SMALL, "C": Withheld.COMPLEMENTARY}


def test_two_small_parts_that_add_up_to_a_small_figure_take_a_third() -> None:
    # A 2 and B 3 are small, and together 5 is still small: C (12, smallest making 17) goes too.
    total, parts = withhold(
        Tally(45),
        [("A", Tally(2)), ("B", Tally(3)), ("C", Tally(12)), ("D", Tally(28))],
        T,
        rate=False,
    )
    assert total is None
    assert parts == {"A": Withheld.SMALL, "B": Withheld.SMALL, "C": Withheld.COMPLEMENTARY}
    # two small parts that add up to 10 or more protect each other
    assert withhold(Tally(36), [("A", Tally(4)), ("B", Tally(7)), ("C", Tally(25))], T, rate=False)[
        1
    ] == {"A": Withheld.SMALL, "B": Withheld.SMALL}


def test_zero_is_shown_and_a_small_total_withholds_every_part() -> None:
    assert withhold(Tally(25), [("A", Tally(0)), ("B", Tally(25))], T, rate=False) == (None, {})
    total, parts = withhold(Tally(9), [("A", Tally(0)), ("B", Tally(9))], T, rate=False)
    assert total == Withheld.SMALL
    assert parts == {"A": Withheld.WITHIN, "B": Withheld.SMALL}
    # a region withheld in its parent's table is withheld in its own, with all its parts
    total, parts = withhold(
        Tally(30),
        [("A", Tally(12)), ("B", Tally(18))],
        T,
        rate=False,
        total_withheld=Withheld.COMPLEMENTARY,
    )
    assert total == Withheld.COMPLEMENTARY
    assert parts == {"A": Withheld.WITHIN, "B": Withheld.WITHIN}


def test_a_rate_is_withheld_by_its_denominator_numerator_or_complement() -> None:
    assert is_small(Tally(5, 8), T, rate=True)  # 8 persons in the denominator
    assert is_small(Tally(3, 40), T, rate=True)  # 3 employed
    assert is_small(Tally(36, 40), T, rate=True)  # 4 not employed
    assert not is_small(Tally(12, 40), T, rate=True)
    assert not is_small(Tally(0, 40), T, rate=True)  # nobody: no person is pointed at
    assert not is_small(Tally(0, 0), T, rate=True)  # no denominator: no rate
    # 60 of 100: A 3/8 is small; C (22, the smallest denominator making them 15/30) goes too
    total, parts = withhold(
        Tally(60, 100),
        [("A", Tally(3, 8)), ("B", Tally(45, 70)), ("C", Tally(12, 22))],
        T,
        rate=True,
    )
    assert total is None
    assert parts == {"A": Withheld.SMALL, "C": Withheld.COMPLEMENTARY}


def test_no_withheld_figure_can_be_worked_out_from_the_total() -> None:
    """For many random tables: when the total is shown, the withheld parts are never one alone
    and never add up to a small figure; when it is withheld, so is every part."""
    chance = random.Random(14)
    for _round in range(2000):
        parts = [(str(i), Tally(chance.choice([0, 1, 2, 5, 9, 10, 14, 40]))) for i in range(5)]
        total = sum((tally for _k, tally in parts), Tally(0))
        reason, hidden = withhold(total, parts, T, rate=False)
        if reason is not None:
            assert set(hidden) == {key for key, _t in parts}
            continue
        if hidden:
            together = sum((tally for key, tally in parts if key in hidden), Tally(0))
            assert len(hidden) >= 2, (parts, hidden)
            assert not is_small(together, T, rate=False), (parts, hidden)
        assert all(not is_small(tally, T, rate=False) for key, tally in parts if key not in hidden)


# --- the files, from the registry -----------------------------------------------------------


def _entrants(count: int, county: str, township: str = "") -> list[Person]:
    return [
        person(
            ("unemployed", "", date(2026, 1, 1)),
            ("employed", "flexible", date(2026, 5, 10)),
            county_code=county,
            township_code=township,
        )
        for _ in range(count)
    ]


@pytest.fixture
def entries(db: None) -> list[Person]:
    """2026Q2's new employment, worked out by hand: 任城区 35 (古槐街道 12, 越河街道 3, 仙营街道
    20), 兖州区 8, 微山县 4 — 济宁市 47."""
    for code, name in ((GUHUAI, "古槐街道"), (YUEHE, "越河街道"), (XIANYING, "仙营街道")):
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": "township",
                "parent_id": RENCHENG,
                "county_code": RENCHENG,
            },
        )
    return [
        *_entrants(12, RENCHENG, GUHUAI),
        *_entrants(3, RENCHENG, YUEHE),
        *_entrants(20, RENCHENG, XIANYING),
        *_entrants(8, YANZHOU),
        *_entrants(4, WEISHAN),
    ]


def _new_employment(code: str) -> dict[str, tuple[int | None, str | None]]:
    figures, _threshold = open_figures(Region.objects.get(code=code), Q2)
    return {
        ("total" if f.is_total else f.code): (
            None if f.withheld else int(f.tally.numerator),
            f.withheld and str(f.withheld),
        )
        for f in figures
        if f.measure.code == "new_employment"
    }


def test_the_files_withhold_what_the_hand_worked_tables_say(entries: list[Person]) -> None:
    assert threshold_for(Region.objects.get(code="370800")) == T
    city = _new_employment("370800")
    # 兖州区 8 and 微山县 4 are small and together 12: they protect each other; 任城区 is shown
    assert city["total"] == (47, None)
    assert city[RENCHENG] == (35, None)
    assert city[YANZHOU] == (None, "small")
    assert city[WEISHAN] == (None, "small")
    county = _new_employment(RENCHENG)
    # 越河街道 3 is small; 古槐街道 (12: 3 + 12 = 15) is withheld with it; 仙营街道 20 is shown
    assert county["total"] == (35, None)
    assert county[YUEHE] == (None, "small")
    assert county[GUHUAI] == (None, "complementary")
    assert county[XIANYING] == (20, None)
    # 兖州区's own file: its total is small, as in the city's file
    assert _new_employment(YANZHOU)["total"] == (None, "small")


def test_a_region_withheld_in_its_parent_is_withheld_in_its_own_file(
    entries: list[Person],
) -> None:
    # 微山县 gets 6 more (10: no longer small alone): now 兖州区 8 is the only small county, and
    # the smallest county making them no longer small is 微山县 (8 + 10 = 18), withheld for it
    _entrants(6, WEISHAN)
    city = _new_employment("370800")
    assert city[YANZHOU] == (None, "small")
    assert city[WEISHAN] == (None, "complementary")
    # so 微山县's own file withholds its total (10, not small) and everything in it
    own = _new_employment(WEISHAN)
    assert own["total"] == (None, "complementary")
    assert all(reason is not None for key, (_v, reason) in own.items())


def test_amounts_and_units_are_not_withheld() -> None:
    assert measure_named("levy_collected").is_amount
    assert measure_named("declarations_certified").about_units
    assert measure_named("organ_mandate_compliance").about_units
    assert not measure_named("new_employment").about_units


def test_the_public_page_and_files_need_no_sign_in(entries: list[Person]) -> None:
    client = Client()
    page = client.get("/open-data/", {"region": RENCHENG, "period": "2026Q2"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "任城区" in body
    assert "2026年第2季度已结束" in body
    assert page["X-Robots-Tag"] == "noindex"
    # a running year says how far it is read
    year = client.get("/open-data/", {"region": RENCHENG, "period": "2026"}).content.decode()
    assert "尚未结束：数字截至" in year or "2026年已结束" in year
    # the provinces without a region; a township, a future period, a month: 404
    assert "山东省" in client.get("/open-data/").content.decode()
    assert client.get("/open-data/", {"region": GUHUAI}).status_code == 404
    assert client.get("/open-data/", {"region": RENCHENG, "period": "2099"}).status_code == 404
    assert client.get("/open-data/", {"region": RENCHENG, "period": "2026-05"}).status_code == 404

    raw = client.get("/open-data/data.csv", {"region": RENCHENG, "period": "2026Q2"})
    assert raw["Content-Type"].startswith("text/csv")
    text = raw.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    yuehe = next(r for r in rows if r["indicator"] == "new_employment" and r["area_code"] == YUEHE)
    assert yuehe["value"] == ""
    assert yuehe["suppressed"] == "True"
    assert yuehe["suppression"] == "small"

    data = json.loads(
        client.get("/open-data/data.json", {"region": RENCHENG, "period": "2026Q2"}).content
    )
    assert data["profile"] == "tabular-data-resource"
    assert data["schema"].endswith("/open-data/schema.json")
    assert data["suppression"]["threshold"] == T
    assert data["period"]["complete"] is True
    assert (
        next(
            r
            for r in data["data"]
            if r["area_code"] == XIANYING and r["indicator"] == "new_employment"
        )["value"]
        == 20
    )
    schema = json.loads(client.get("/open-data/schema.json").content)
    assert schema == json.loads(json.dumps(open_data_schema()))
    assert [field["name"] for field in schema["fields"]] == list(COLUMNS)
    # no person in the files
    for one in entries:
        assert one.name not in text
        assert one.resident_id not in text
        assert one.name not in json.dumps(data, ensure_ascii=False)
