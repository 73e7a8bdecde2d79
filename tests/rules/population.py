"""Random employer populations for comparing the batch path with the single-case path."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

JURISDICTIONS = [
    "370811",
    "430102",
    "4301",
    "43",
    "410102",
    "510104",
    "220102",
    "310101",
    "500116",
    "21",
]
ASSESSMENT_DATES = [
    date(2016, 6, 1),
    date(2017, 6, 1),
    date(2018, 6, 1),
    date(2019, 6, 1),
    date(2021, 6, 30),
    date(2023, 8, 1),
    date(2025, 9, 1),
    date(2026, 7, 1),
    date(2028, 3, 1),
]
KINDS = ["enterprise", "organ", "institution", "social_group", "private_non_enterprise"]
# Σ monthly headcounts: 0, exactly 30 staff, just above, 100 (1% = 1 person), 200, …
EDGE_TOTALS = [0, 12, 348, 359, 360, 361, 372, 1200, 2400, 2412, 8000, 12 * 67]


def random_person(rng: random.Random, person_id: int) -> dict[str, Any]:
    """A disabled employee with some months, conditions, birth and dispatch."""
    certificate = rng.choice(["disability", "disability", "veteran"])
    top = 4 if certificate == "disability" else 10
    months = sorted(rng.sample(range(1, 13), rng.randint(1, 12)))
    sex = rng.choice(["male", "female"])
    born = rng.choice([None, rng.randint(0, 60 * 12)])
    person: dict[str, Any] = {
        "person_id": person_id,
        "certificate": certificate,
        "grades": [rng.randint(1, top) for _ in months],
        "months": months,
        "wages": [
            rng.choice([None, "1800", "1900", "2000", "2739.99", "2740", "5000"]) for _ in months
        ],
        "insured": [rng.choice([None, True, True, False]) for _ in months],
        "contract": [rng.choice([None, True, True, False]) for _ in months],
        "sex": sex if born is not None or rng.random() < 0.5 else None,
        "birth_month": None,
        "base": None,
        "dispatched": rng.choice([None, None, None, "host", "agency", "none"]),
    }
    if born is not None:
        # Born 1955-2015: around the 2025 retirement reform and the age of 16.
        index = 1955 * 12 + born
        person["birth_month"] = f"{index // 12:04d}-{index % 12 + 1:02d}"
        base = 60 if sex == "male" else rng.choice([50, 55])
        person["base"] = rng.choice([None, base]) if sex == "male" else base
    return person


def random_employer(rng: random.Random, employer_id: int) -> dict[str, Any]:
    """An employer of a random place, date and kind, with edge-biased headcounts and wages."""
    assessed_on = rng.choice(ASSESSMENT_DATES)
    total = rng.choice(EDGE_TOTALS) if rng.random() < 0.4 else rng.randint(0, 6000)
    return {
        "employer_id": employer_id,
        "jurisdiction": rng.choice(JURISDICTIONS),
        "employer_kind": rng.choice(KINDS),
        "assessed_on": assessed_on,
        "levy_year": assessed_on.year - 1,
        "headcount_month_total": total,
        "average_wage": rng.choice(
            ["60000", "80000", "100000", "100000.01", "99999.99", "123456.78"]
        ),
        "social_average_wage": rng.choice([None, "50000", "50000.00", "40000.005", "90000"]),
        "minimum_wage_monthly": rng.choice([None, None, "1900", "2000.50"]),
        "persons": [random_person(rng, index) for index in range(rng.randint(0, 5))],
    }


def random_population(seed: int, size: int) -> list[dict[str, Any]]:
    """`size` random employers from a seed."""
    rng = random.Random(seed)
    return [random_employer(rng, index) for index in range(size)]


def to_frames(employers: list[dict[str, Any]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The batch path's two input frames."""
    employer_rows = [{k: v for k, v in item.items() if k != "persons"} for item in employers]
    month_rows = []
    for item in employers:
        for person in item["persons"]:
            for position, month in enumerate(person["months"]):
                month_rows.append(_month_row(item, person, position, month))
    employer_schema = {
        "employer_id": pl.Int64,
        "jurisdiction": pl.String,
        "employer_kind": pl.String,
        "assessed_on": pl.Date,
        "levy_year": pl.Int32,
        "headcount_month_total": pl.Int64,
        "average_wage": pl.String,
        "social_average_wage": pl.String,
        "minimum_wage_monthly": pl.String,
    }
    month_schema = {
        "employer_id": pl.Int64,
        "person_id": pl.Int64,
        "month": pl.Int16,
        "certificate": pl.String,
        "grade": pl.Int16,
        "wage": pl.String,
        "social_insurance_paid": pl.Boolean,
        "contract_at_least_one_year": pl.Boolean,
        "sex": pl.String,
        "birth_month": pl.String,
        "retirement_base_age": pl.Int16,
        "dispatched": pl.Boolean,
        "agreement_assigns_to": pl.String,
    }
    return pl.DataFrame(employer_rows, schema=employer_schema), pl.DataFrame(
        month_rows, schema=month_schema
    )


def _month_row(
    item: dict[str, Any], person: dict[str, Any], position: int, month: int
) -> dict[str, Any]:
    """One disabled-employee month."""
    dispatch = person["dispatched"]
    return {
        "employer_id": item["employer_id"],
        "person_id": person["person_id"],
        "month": month,
        "certificate": person["certificate"],
        "grade": person["grades"][position],
        "wage": person["wages"][position],
        "social_insurance_paid": person["insured"][position],
        "contract_at_least_one_year": person["contract"][position],
        "sex": person["sex"],
        "birth_month": person["birth_month"],
        "retirement_base_age": person["base"],
        "dispatched": dispatch is not None,
        "agreement_assigns_to": dispatch if dispatch in ("host", "agency") else None,
    }


def to_situation(item: dict[str, Any]) -> dict[str, Any]:
    """The same employer as a `levy` situation of the calculation contract."""
    total = item["headcount_month_total"]
    monthly = [total // 12 + (1 if index < total % 12 else 0) for index in range(12)]
    situation: dict[str, Any] = {
        "rule": "levy",
        "jurisdiction": item["jurisdiction"],
        "levy_year": item["levy_year"],
        "assessed_on": item["assessed_on"].isoformat(),
        "employer_kind": item["employer_kind"],
        "headcount": {"monthly": monthly},
        "average_wage": item["average_wage"],
        "disabled_employees": [_employee(item, person) for person in item["persons"]],
    }
    for key in ("social_average_wage", "minimum_wage_monthly"):
        if item[key] is not None:
            situation[key] = item[key]
    return situation


def _employee(item: dict[str, Any], person: dict[str, Any]) -> dict[str, Any]:
    """One disabled employee of a situation."""
    months = []
    for position, month in enumerate(person["months"]):
        detail: dict[str, Any] = {
            "month": f"{item['levy_year']}-{month:02d}",
            "grade": person["grades"][position],
        }
        for key, source in (
            ("wage", "wages"),
            ("social_insurance_paid", "insured"),
            ("contract_at_least_one_year", "contract"),
        ):
            if person[source][position] is not None:
                detail[key] = person[source][position]
        months.append(detail)
    employee: dict[str, Any] = {
        "certificate": person["certificate"],
        "grade": person["grades"][0],
        "months": months,
    }
    for key, source in (
        ("sex", "sex"),
        ("birth_month", "birth_month"),
        ("retirement_base_age", "base"),
    ):
        if person[source] is not None:
            employee[key] = person[source]
    if person["dispatched"] is not None:
        assigned = person["dispatched"]
        employee["dispatched"] = {
            "agreement_assigns_to": assigned if assigned in ("host", "agency") else None
        }
    return employee


def fen(amount: Decimal | None) -> int | None:
    """Yuan to fen."""
    return None if amount is None else int(amount * 100)
