"""The season assessment's frame reads and writes (`core.bulk.read_frame`, `insert_frame`):
rows written from a frame read back through the ORM as the values given (decimals to the fen,
JSON, an empty text apart from a missing one), and a frame read holds what the ORM reads."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from ablework.core.bulk import insert_frame, read_frame
from ablework.demo.declarations import DemoDeclarations
from ablework.levy.models import Assessment, AssessmentRun
from ablework.quota.models import Declaration

from .conftest import ON, YEAR


def _frame(run: AssessmentRun, employer_ids: list[int]) -> pl.DataFrame:
    first, second = employer_ids[:2]
    return pl.DataFrame(
        {
            "run_id": [run.pk, run.pk],
            "employer_id": [first, second],
            "county_code": ["370811", "370826"],
            "levy_year": [YEAR, YEAR],
            "basis": ["certified", "deemed_none"],
            "declaration_id": [None, None],
            "problem": ["", "no_figures"],
            "problem_detail": ["", 'a "quoted", comma'],
            "headcount": ["120.0000", None],
            "disabled": ["0.2500", "0"],
            "required": ["1.8000", None],
            "ratio": ["0.015000", None],
            "average_wage": ["80000.00", None],
            "assessed_wage": ["80000.00", None],
            "exempt": [False, False],
            "levy_before_reduction": ["123456.79", None],
            "reduction": ["0.01", None],
            "levy_due": ["123456.78", None],
            "reward": [None, None],
            "inputs": ['{"persons": [["disability", "0X0000000001", true, null]]}', "{}"],
            "digest": [-(2**63), None],
        },
        schema_overrides={"declaration_id": pl.Int64, "reward": pl.String, "digest": pl.Int64},
    )


@pytest.mark.django_db
def test_rows_written_from_a_frame_read_back_as_given(demo_quota: DemoDeclarations) -> None:
    run = AssessmentRun.objects.create(levy_year=YEAR, region_code="", assessed_on=ON)
    employers = list(
        Declaration.objects.filter(levy_year=YEAR).values_list("employer_id", flat=True)
    )
    insert_frame(Assessment, _frame(run, sorted(set(employers))))
    rows = list(Assessment.objects.filter(run=run).order_by("employer_id"))
    assert [row.basis for row in rows] == ["certified", "deemed_none"]
    first, second = rows
    assert first.levy_due == Decimal("123456.78")
    assert first.ratio == Decimal("0.015000")
    assert first.disabled == Decimal("0.2500")
    assert first.reward is None
    assert first.problem_detail == ""
    assert first.inputs == {"persons": [["disability", "0X0000000001", True, None]]}
    assert second.problem_detail == 'a "quoted", comma'
    assert second.headcount is None
    assert second.inputs == {}
    assert (first.digest, second.digest) == (-(2**63), None)


@pytest.mark.django_db
def test_a_frame_read_holds_what_the_orm_reads(demo_quota: DemoDeclarations) -> None:
    rows = Declaration.objects.filter(levy_year=YEAR).order_by("pk")
    frame = read_frame(
        rows.values_list("pk", "wage_total", "headcount_annual_average", "headcount_monthly"),
        {"pk": pl.Int64, "wage": pl.String, "annual": pl.String, "monthly": pl.String},
        raw=("monthly",),
    )
    expected = list(rows.values_list("pk", "wage_total", "headcount_annual_average"))
    assert expected, "the demo has 2025 declarations"
    got = [
        (pk, None if wage is None else Decimal(wage), None if annual is None else Decimal(annual))
        for pk, wage, annual, _monthly in frame.iter_rows()
    ]
    assert got == expected
    # Decimal text as the ORM's value prints (its places kept).
    assert [w for w in frame["wage"] if w is not None] == [
        format(w, "f") for _pk, w, _a in expected if w is not None
    ]
