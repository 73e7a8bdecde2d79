"""A reassessment's write (`levy/services/assessment/write.py`): a row whose new row has its
digest is kept (same key) and handed to the new run, a changed one is replaced, and the table
then holds, column by column, what deleting every earlier row and assessing afresh gives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ablework.demo.declarations import DemoDeclarations
from ablework.levy.models import Assessment
from ablework.levy.services.assessment import assess_season
from ablework.quota.models import Declaration

from .conftest import ON, YEAR

COLUMNS = [f.attname for f in Assessment._meta.concrete_fields if f.attname not in ("id", "run_id")]


def _rows() -> dict[int, tuple[Any, ...]]:
    return {row[0]: row for row in Assessment.objects.values_list("employer_id", *COLUMNS)}


@pytest.mark.django_db
def test_a_reassessment_keeps_the_unchanged_rows_and_replaces_the_changed_one(
    demo_quota: DemoDeclarations,
) -> None:
    first = assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    keys = dict(Assessment.objects.values_list("employer_id", "pk"))
    assert len(keys) == first.employers > 1
    assert Assessment.objects.filter(digest__isnull=True).count() == 0
    # One certified employer's wage total changes (as a recorded correction would change it).
    changed = Declaration.objects.filter(levy_year=YEAR, status="certified").first()
    assert changed is not None
    Declaration.objects.filter(pk=changed.pk).update(
        wage_total=changed.wage_total + Decimal(100_000)
    )
    second = assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    now = dict(Assessment.objects.values_list("employer_id", "pk"))
    assert set(now) == set(keys)
    assert Assessment.objects.exclude(run=second).count() == 0
    assert {e for e in now if now[e] != keys[e]} == {changed.employer_id}
    written = _rows()
    Assessment.objects.all().delete()
    assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    assert _rows() == written
