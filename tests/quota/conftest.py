"""Declarations for tests: a roster line that counts in every month it declares, to be spoilt one
condition at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ablework.rules.engine.parameters import DatedValue, ParameterTree, Reference
from ablework.rules.jurisdictions.cn import parameter_tree
from tests.quota.folds import checking_folds

YEAR = 2023  # 任城区's minimum wage is 1900 元 from 2021-10-01; unsourced from 2023-10-01


@pytest.fixture(autouse=True)
def folds_match_months(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, every stored roster line's fold is its stored months' (tests/quota/
    folds.py)."""
    yield from checking_folds(request)


def months(*numbers: int, year: int = YEAR) -> list[str]:
    """`["2023-01", …]`."""
    return [f"{year}-{n:02d}" for n in numbers]


def line(
    number: str, name: str, *, wage: str = "2000.00", months_: range = range(1, 7), **changes: Any
) -> dict[str, Any]:
    """A 残疾人证 line on a labour contract, paid `wage` and insured in each of `months_`."""
    item: dict[str, Any] = {
        "certificate_kind": "disability",
        "certificate_number": number,
        "name": name,
        "employment_form": "labour_contract",
        "contract_start": "2022-01-01",
        "contract_end": None,
        "post": "质检员",
        "wages": dict.fromkeys(months(*months_), wage),
        "social_insurance_months": months(*months_),
        "dispatch": None,
    }
    item.update(changes)
    return item


def declaration(uscc: str, roster: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    """300 staff every month, wage total 18,000,000 元 (W = 60,000 元)."""
    payload: dict[str, Any] = {
        "employer": uscc,
        "levy_year": YEAR,
        "headcount": {"monthly": [300] * 12},
        "wage_total": "18000000.00",
        "roster": roster,
    }
    payload.update(changes)
    return payload


def with_social_average_wage(value: str, county: str = "370811") -> ParameterTree:
    """The shipped parameters plus a social average wage for the county — a test value, since
    none is shipped yet (the levy's wage cap needs one)."""
    return with_local_value("wages.social_average_wage", value, county)


def with_local_value(
    name: str, value: str, county: str, tree: ParameterTree | None = None
) -> ParameterTree:
    """The parameters (the shipped ones by default) plus a test value of `name` for the county
    from 2015."""
    shipped = tree or parameter_tree()
    national = shipped.national[name]
    local = replace(
        national,
        values=(DatedValue(date(2015, 1, 1), Decimal(value), Reference("测试用数值"), "T"),),
    )
    regional = dict(shipped.regional)
    regional[county] = {**regional.get(county, {}), name: local}
    return ParameterTree(national=shipped.national, regional=regional)
