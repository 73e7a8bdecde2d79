"""Shipped local minimum wages: sourced counties get their tier, every other place is unknown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ablework.rules.engine.errors import MissingParameter
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.parameters import ParameterTree, load_parameter_tree
from ablework.rules.engine.regions import resolve_region
from ablework.rules.jurisdictions.cn import PARAMETERS_ROOT

NAME = "wages.minimum_wage_monthly"

# 鲁政字〔2021〕169号, annex: 济宁 in the 1900 and 1700 tiers, from 2021-10-01
JINING = {
    "370811": "1900",  # 任城区
    "370812": "1900",  # 兖州区
    "370826": "1900",  # 微山县
    "370881": "1900",  # 曲阜市
    "370883": "1900",  # 邹城市
    "370827": "1700",  # 鱼台县
    "370828": "1700",  # 金乡县
    "370829": "1700",  # 嘉祥县
    "370830": "1700",  # 汶上县
    "370831": "1700",  # 泗水县
    "370832": "1700",  # 梁山县
}


@pytest.fixture(scope="module")
def tree() -> ParameterTree:
    return load_parameter_tree(PARAMETERS_ROOT)


def minimum_wage(tree: ParameterTree, code: str, on: date) -> Decimal:
    return Evaluation(tree, resolve_region(code), on).decimal(NAME, field="minimum_wage_monthly")


@pytest.mark.parametrize(("code", "expected"), sorted(JINING.items()))
def test_each_county_of_jining_has_the_tier_the_2021_notice_lists(
    tree: ParameterTree, code: str, expected: str
) -> None:
    ctx = Evaluation(tree, resolve_region(code), date(2022, 6, 1))
    assert ctx.decimal(NAME) == Decimal(expected)
    found = ctx.find(NAME)
    assert found is not None
    assert found.level == code  # the county's own file, not a guess from the city
    assert "鲁政字〔2021〕169号" in found.dated.reference.title
    assert found.dated.effective_from == date(2021, 10, 1)


def test_rencheng_is_1900_until_shandongs_2023_change_and_unknown_from_then(
    tree: ParameterTree,
) -> None:
    assert minimum_wage(tree, "370811", date(2023, 9, 1)) == Decimal("1900")
    for on in (date(2023, 10, 1), date(2025, 6, 1)):
        # Shandong's new standard from October 2023 was not found: the old 1900 is not reused
        with pytest.raises(MissingParameter) as raised:
            minimum_wage(tree, "370811", on)
        assert raised.value.parameter == NAME
        assert "370811" in raised.value.render("en")
        assert on.isoformat() in raised.value.render("en")


def test_before_the_2021_notice_no_value_is_claimed(tree: ParameterTree) -> None:
    with pytest.raises(MissingParameter):
        minimum_wage(tree, "370811", date(2021, 9, 1))


def test_huzhous_districts_chose_the_middle_tier_of_2021_until_2024(tree: ParameterTree) -> None:
    for code in ("330502", "330503"):  # 吴兴区, 南浔区
        assert minimum_wage(tree, code, date(2022, 6, 1)) == Decimal("2070")
        with pytest.raises(MissingParameter):
            minimum_wage(tree, code, date(2024, 1, 1))


@pytest.mark.parametrize(
    ("code", "on"),
    [
        ("500116", date(2025, 6, 1)),  # 江津区: Chongqing's tier for it was not found
        ("330521", date(2022, 6, 1)),  # 德清县: Huzhou's counties were not listed
        ("330782", date(2025, 6, 1)),  # 义乌市 (金华)
        ("370102", date(2022, 6, 1)),  # 济南历下区: a Shandong county not shipped
        ("3708", date(2022, 6, 1)),  # the city of Jining itself: no city-wide figure
        ("220102", date(2025, 6, 1)),  # 长春南关区
    ],
)
def test_a_place_without_a_sourced_value_stays_unknown(
    tree: ParameterTree, code: str, on: date
) -> None:
    with pytest.raises(MissingParameter) as raised:
        minimum_wage(tree, code, on)
    assert raised.value.field == "minimum_wage_monthly"
