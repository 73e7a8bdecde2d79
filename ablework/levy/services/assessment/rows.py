"""The batch path over the units (`compute`) and one Assessment row per unit from its result
(`assessment_row`), with the persons counted, compactly (`persons_by_employer`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

from ablework.levy.services.assessment.units import Unit
from ablework.rules.batch import compute_levy_batch
from ablework.rules.batch.frames import HEADCOUNT_SCALE
from ablework.rules.engine.parameters import ParameterTree

NO_FIGURES = "no_figures"

FOUR = Decimal("0.0001")

CENT = Decimal("0.01")
MILLIONTH = Decimal("0.000001")


def compute(
    units: list[Unit], months: pl.DataFrame, year: int, on: date, tree: ParameterTree
) -> dict[int, dict[str, Any]]:
    """The batch path over the units with figures: one call for those declaring 12 monthly
    headcounts and one for those declaring an annual average (the frame takes one or the
    other)."""
    results: dict[int, dict[str, Any]] = {}
    monthly = [u for u in units if u.declared and u.declared.month_total is not None]
    annual = [u for u in units if u.declared and u.declared.month_total is None]
    for group, column in ((monthly, "headcount_month_total"), (annual, "annual_average_headcount")):
        if not group:
            continue
        facts = [(u, u.declared) for u in group if u.declared is not None]
        employers = pl.DataFrame(
            {
                "employer_id": [u.employer_id for u, _ in facts],
                "jurisdiction": [u.county_code for u, _ in facts],
                "employer_kind": [u.kind for u, _ in facts],
                "average_wage": [format(d.average_wage, "f") for _, d in facts],
                column: [
                    d.month_total if d.month_total is not None else format(d.annual_average, "f")
                    for _, d in facts
                ],
            },
            schema_overrides={"employer_id": pl.Int64},
        )
        ids = employers["employer_id"]
        chosen = months.filter(pl.col("employer_id").is_in(ids.implode()))
        batch = compute_levy_batch(employers, chosen, year=year, assessed_on=on, tree=tree)
        results.update((row["employer_id"], row) for row in batch.iter_rows(named=True))
    return results


def persons_by_employer(months: pl.DataFrame) -> dict[int, list[list[Any]]]:
    """Per employer, each counted person as [certificate, twelve month grades ("0": not
    counted), dispatched, agreement_assigns_to]: the levy situation, compactly."""
    grouped = (
        months.group_by("employer_id", "person_id")
        .agg(
            pl.col("certificate").first(),
            pl.col("month"),
            pl.col("grade"),
            pl.col("dispatched").first(),
            pl.col("agreement_assigns_to").first(),
        )
        .sort("employer_id", "person_id")
    )
    found: dict[int, list[list[Any]]] = defaultdict(list)
    for (
        employer_id,
        _person,
        certificate,
        month_list,
        grades,
        dispatched,
        assigns,
    ) in grouped.iter_rows():
        slots = ["0"] * 12
        for month, grade in zip(month_list, grades, strict=True):
            slots[month - 1] = str(grade) if grade < 10 else "X"
        found[employer_id].append([certificate, "".join(slots), bool(dispatched), assigns])
    return found


def _quotient(numerator: int | None, denominator: int | None, places: Decimal) -> Decimal | None:
    """numerator / denominator rounded to `places` (None when either is missing or the
    denominator is 0). Decimal division of the exact integers is correctly rounded, so this is
    the value of the reduced fraction, without building one per figure."""
    if numerator is None or denominator in (None, 0):
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(places)


def _fen(value: int | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(CENT)


def assessment_row(
    unit: Unit, result: dict[str, Any] | None, persons: list[list[Any]], year: int
) -> dict[str, Any]:
    """One Assessment row as `{attribute: value}` (written by core.bulk.insert_rows)."""
    declared = unit.declared
    row: dict[str, Any] = {
        "employer_id": unit.employer_id,
        "county_code": unit.county_code,
        "levy_year": year,
        "basis": unit.basis,
        "declaration_id": (
            declared.declaration_id if declared and unit.basis == "certified" else None
        ),
        "problem": "",
        "problem_detail": "",
        "exempt": False,
        "disabled": Decimal(0),
        "inputs": {
            "jurisdiction": unit.county_code,
            "employer_kind": unit.kind,
            "headcount": declared.headcount if declared else None,
            "average_wage": format(declared.average_wage, "f") if declared else None,
            "figures_from": declared.declaration_id if declared else None,
            "persons": persons,
        },
    }
    for name in EMPTY_FIGURES:
        row[name] = None
    if declared is None or result is None:
        row["problem"] = NO_FIGURES
        return row
    row["average_wage"] = declared.average_wage
    if result["error_code"] is not None:
        row["problem"] = str(result["error_code"])[:40]
        row["problem_detail"] = str(result["error_detail"] or "")[:120]
        return row
    before = _fen(result["levy_before_reduction_fen"])
    due = _fen(result["levy_due_fen"])
    row.update(
        headcount=_quotient(result["n"], HEADCOUNT_SCALE, FOUR),
        disabled=_quotient(result["d"], HEADCOUNT_SCALE, FOUR) or Decimal(0),
        required=_quotient(result["required_num"], result["required_den"], FOUR),
        ratio=_quotient(result["ratio_num"], result["ratio_den"], MILLIONTH),
        assessed_wage=_quotient(result["wage_num"], result["wage_den"], CENT),
        exempt=bool(result["exempt"]),
        levy_before_reduction=before,
        levy_due=due,
        reduction=before - due if before is not None and due is not None else None,
        reward=_fen(result["reward_fen"]),
    )
    return row


EMPTY_FIGURES = (
    "headcount",
    "required",
    "ratio",
    "average_wage",
    "assessed_wage",
    "levy_before_reduction",
    "reduction",
    "levy_due",
    "reward",
)
