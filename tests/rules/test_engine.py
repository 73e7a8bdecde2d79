"""The engine: fallback by date and level, reforms, missing parameters, dated formulas, regions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from ablework.rules.engine.errors import (
    InvalidParameterFile,
    MissingParameter,
    NotInForce,
    UnknownRegion,
)
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.parameters import (
    ParameterTree,
    load_parameter_file,
    load_parameter_tree,
)
from ablework.rules.engine.reforms import load_reform
from ablework.rules.engine.regions import resolve_region
from ablework.rules.engine.text import Text


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")


def ratio_file(values: str) -> str:
    return (
        "description: 比例\nunit: ratio\nreference: {title: 测试文件}\n"
        f"values:\n{values}\nlast_reviewed_on: 2026-11-23\n"
    )


@pytest.fixture
def tree(tmp_path: Path) -> ParameterTree:
    """National 1.5%; Shandong 1.6% from 2030; Jining 1.7% from 2031; Rencheng 1.8% from 2032."""
    write(tmp_path / "national/levy/quota_ratio.yaml", ratio_file('  2015-10-01: {value: "0.015"}'))
    write(
        tmp_path / "37-shandong/levy/quota_ratio.yaml", ratio_file('  2030-01-01: {value: "0.016"}')
    )
    write(
        tmp_path / "3708-jining/levy/quota_ratio.yaml", ratio_file('  2031-01-01: {value: "0.017"}')
    )
    write(tmp_path / "370811/levy/quota_ratio.yaml", ratio_file('  2032-01-01: {value: "0.018"}'))
    write(
        tmp_path / "national/wages/minimum_wage_monthly.yaml",
        "description: 最低工资\nunit: yuan_per_month\n"
        "reference: {title: 最低工资规定}\nvalues: {}\n"
        "last_reviewed_on: 2026-11-23\n",
    )
    return load_parameter_tree(tmp_path)


def ratio(tree: ParameterTree, code: str, on: date) -> Decimal:
    return Evaluation(tree, resolve_region(code), on).decimal("levy.quota_ratio")


def test_the_most_specific_level_in_force_on_the_date_wins(tree: ParameterTree) -> None:
    # a county of Jining, year by year
    assert ratio(tree, "370811", date(2029, 12, 31)) == Decimal("0.015")  # national
    assert ratio(tree, "370811", date(2030, 1, 1)) == Decimal("0.016")  # province
    assert ratio(tree, "370811", date(2031, 6, 1)) == Decimal("0.017")  # city
    assert ratio(tree, "370811", date(2032, 1, 1)) == Decimal("0.018")  # county


def test_other_counties_and_provinces_do_not_see_an_override(tree: ParameterTree) -> None:
    assert ratio(tree, "370812", date(2033, 1, 1)) == Decimal("0.017")  # another Jining district
    assert ratio(tree, "3701", date(2033, 1, 1)) == Decimal("0.016")  # Jinan
    assert ratio(tree, "430102", date(2033, 1, 1)) == Decimal("0.015")  # Hunan


def test_padded_codes_are_the_same_places() -> None:
    assert resolve_region("370000").code == "37"
    assert resolve_region("370800").code == "3708"
    assert resolve_region("370811").chain == ("370811", "3708", "37")
    assert resolve_region("500116").chain == ("500116", "50")
    # county-level cities administered directly by the province (省直辖县级行政单位)
    assert resolve_region("429004").chain == ("429004", "42")
    assert resolve_region("469001").level == "county"


def test_an_unknown_region_names_the_field() -> None:
    with pytest.raises(UnknownRegion, match="jurisdiction"):
        resolve_region("379999")
    with pytest.raises(UnknownRegion, match="2, 4 or 6 digits"):
        resolve_region("3708111")


def test_a_missing_parameter_names_itself_the_place_and_the_date(tree: ParameterTree) -> None:
    ctx = Evaluation(tree, resolve_region("370811"), date(2025, 3, 1))
    with pytest.raises(MissingParameter) as raised:
        ctx.decimal("wages.minimum_wage_monthly", field="minimum_wage_monthly")
    assert raised.value.parameter == "wages.minimum_wage_monthly"
    assert "370811" in raised.value.render("en")
    assert "2025-03-01" in raised.value.render("en")
    assert raised.value.field == "minimum_wage_monthly"


def test_a_reform_applies_from_its_date_and_only_where_it_says(
    tree: ParameterTree, tmp_path: Path
) -> None:
    # given a reform raising Hunan's ratio to 1.6% from 2027
    reform_file = tmp_path / "reform.yaml"
    write(
        reform_file,
        """\
        name: 湖南1.6%
        overrides:
          - parameter: levy.quota_ratio
            regions: ["43"]
            values: {2027-01-01: "0.016"}
        """,
    )
    reform = load_reform(reform_file, tree)

    def with_reform(code: str, on: date) -> Decimal:
        return Evaluation(tree, resolve_region(code), on, reform).decimal("levy.quota_ratio")

    assert with_reform("430102", date(2026, 12, 31)) == Decimal("0.015")
    assert with_reform("430102", date(2027, 1, 1)) == Decimal("0.016")
    assert with_reform("370811", date(2027, 1, 1)) == Decimal("0.015")


def test_the_trace_records_each_parameter_with_its_date_and_reference(tree: ParameterTree) -> None:
    ctx = Evaluation(tree, resolve_region("370811"), date(2031, 6, 1))
    ctx.decimal("levy.quota_ratio")
    ctx.record("ratio", Text("比例", "ratio"), "0.017", Text("R", "R"))
    (use,) = ctx.steps[0].parameters
    assert (use.name, use.value, use.effective_from) == (
        "levy.quota_ratio",
        Decimal("0.017"),
        date(2031, 1, 1),
    )
    assert use.reference.startswith("测试文件")
    assert use.reference.endswith("（3708）")


def test_formula_versions_are_chosen_by_date_and_may_not_overlap() -> None:
    family: FormulaFamily[object] = FormulaFamily("test.family", Text("测试", "test"))

    @formula(family, since=date(2020, 1, 1), until=date(2022, 12, 31))
    def first() -> str:
        return "first"

    @formula(family, since=date(2023, 1, 1))
    def second() -> str:
        return "second"

    assert family.at(date(2022, 12, 31)) is first
    assert family.at(date(2023, 1, 1)) is second
    with pytest.raises(NotInForce, match="2019-12-31"):
        family.at(date(2019, 12, 31))
    with pytest.raises(ValueError, match="overlap"):
        formula(family, since=date(2022, 6, 1))(lambda: "third")


def wage_file(values: str) -> str:
    return (
        "description: 最低工资\nunit: yuan_per_month\nreference: {title: 测试通知}\n"
        f"values:\n{values}\nlast_reviewed_on: 2026-11-23\n"
    )


def test_an_unsourced_change_is_missing_from_its_date_and_never_falls_back(
    tmp_path: Path,
) -> None:
    # given a province figure, and a county figure later changed to one nobody found
    write(tmp_path / "national/levy/quota_ratio.yaml", ratio_file('  2015-10-01: {value: "0.015"}'))
    write(
        tmp_path / "national/wages/minimum_wage_monthly.yaml",
        wage_file("  2030-01-01: {value: null}"),
    )
    write(
        tmp_path / "37-shandong/wages/minimum_wage_monthly.yaml",
        wage_file('  2020-01-01: {value: "2000"}'),
    )
    write(
        tmp_path / "370811/wages/minimum_wage_monthly.yaml",
        wage_file(
            '  2021-10-01: {value: "1900"}\n'
            "  2023-10-01: {unsourced: true, note: 新标准的数额未找到}"
        ),
    )
    tree = load_parameter_tree(tmp_path)

    def wage(code: str, on: date) -> Decimal:
        return Evaluation(tree, resolve_region(code), on).decimal("wages.minimum_wage_monthly")

    assert wage("370811", date(2023, 9, 30)) == Decimal("1900")
    # then from the change the county is missing, not the province's 2000
    with pytest.raises(MissingParameter, match="2023-10-01"):
        wage("370811", date(2023, 10, 1))
    assert wage("370812", date(2023, 10, 1)) == Decimal("2000")  # other counties keep theirs


def test_an_unsourced_change_needs_a_note_and_no_value(tmp_path: Path) -> None:
    for entry in ("{unsourced: true}", '{unsourced: true, value: "1", note: x}'):
        path = tmp_path / "wage.yaml"
        path.write_text(wage_file(f"  2023-10-01: {entry}"), encoding="utf-8")
        with pytest.raises(InvalidParameterFile, match="unsourced"):
            load_parameter_file(path, "wages.minimum_wage_monthly")
