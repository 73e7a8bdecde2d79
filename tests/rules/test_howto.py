"""docs/howto/add-a-rule.md, replayed: a province's new ratio applies only from its date."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from ablework.rules.calc import calculate
from ablework.rules.casebook import compare, load_cases, run_case
from ablework.rules.engine.parameters import ParameterTree, load_parameter_tree
from ablework.rules.engine.reforms import load_reform
from ablework.rules.jurisdictions.cn import PARAMETERS_ROOT, parameter_tree

ROOT = Path(__file__).resolve().parents[2]
HOWTO = ROOT / "docs" / "howto" / "add-a-rule.md"
BLOCK = re.compile(r"<!-- (howto-[a-z]+)(?::\s*(\S+))? -->\n```[a-z]*\n(.*?)```", re.S)
PARAMETERS = "ablework/rules/jurisdictions/cn/parameters/"


def blocks() -> dict[tuple[str, str | None], str]:
    """The marked code blocks of the how-to, by (kind, name)."""
    text = HOWTO.read_text(encoding="utf-8")
    return {(kind, name or None): body for kind, name, body in BLOCK.findall(text)}


@pytest.fixture
def followed(tmp_path: Path) -> tuple[ParameterTree, Path]:
    """A copy of the parameters with the how-to's file added, and its case file."""
    found = blocks()
    files = {name: body for (kind, name), body in found.items() if kind == "howto-file"}
    (parameter_path,) = [name for name in files if name and name.startswith(PARAMETERS)]
    (case_path,) = [name for name in files if name and "/tests/" in name]
    root = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_ROOT, root)
    target = root / parameter_path.removeprefix(PARAMETERS)
    assert not (PARAMETERS_ROOT / parameter_path.removeprefix(PARAMETERS)).exists(), (
        "the how-to's invented notice must not be committed"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(files[parameter_path], encoding="utf-8")
    cases = tmp_path / Path(case_path).name
    cases.write_text(files[case_path], encoding="utf-8")
    return load_parameter_tree(root), cases


def evaluate(tree: ParameterTree, name: str) -> dict[str, Any]:
    result = calculate(json.loads(blocks()[("howto-situation", name)]), tree=tree)
    assert isinstance(result, dict)
    return result


def test_the_new_ratio_applies_from_its_date_and_not_the_day_before(
    followed: tuple[ParameterTree, Path],
) -> None:
    tree, _ = followed
    for name in ("before", "after"):
        # when the how-to's situation is evaluated with the new file in place
        result = evaluate(tree, name)
        # then the result is the one the how-to shows
        expected = json.loads(blocks()[("howto-expect", name)])
        assert compare(expected, result) == [], name


def test_the_trace_shown_in_the_howto_is_the_real_trace(
    followed: tuple[ParameterTree, Path],
) -> None:
    tree, _ = followed
    shown = json.loads(blocks()[("howto-trace", "after")])
    (step,) = [step for step in evaluate(tree, "after")["trace"] if step["step"] == shown["step"]]
    assert step == shown


def test_the_howto_cases_pass_with_the_new_file_and_fail_without_it(
    followed: tuple[ParameterTree, Path],
) -> None:
    tree, case_file = followed
    cases = load_cases([case_file])
    assert [run_case(case, tree).passed for case in cases] == [True, True]
    # without the file (today's parameters) the 2027 case fails: the change is what made it pass
    assert [run_case(case, parameter_tree()).passed for case in cases] == [True, False]


def test_the_howto_reform_gives_the_same_ratio_without_touching_the_parameters(
    tmp_path: Path,
) -> None:
    reform_file = tmp_path / "reform.yaml"
    reform_file.write_text(blocks()[("howto-reform", None)], encoding="utf-8")
    reform = load_reform(reform_file, parameter_tree())
    situation = json.loads(blocks()[("howto-situation", "after")])
    before = json.loads(blocks()[("howto-situation", "before")])
    after_result, before_result = calculate([situation, before], reform=reform)
    assert after_result["ratio"] == "0.016"
    assert before_result["ratio"] == "0.015"
    assert yaml.safe_load(blocks()[("howto-reform", None)])["overrides"][0]["regions"] == ["43"]
