"""The season's frames from the stored declarations (`levy/selectors/frames.py`): the lines that
count a month with their folds, the registry persons behind their numbers (now, or under a
number a reassessment replaced; a merged person left out), and the cross-employer check worked
on the folds."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from ablework.core.crypto import lookup_hash
from ablework.levy.selectors.frames import counted_months, filed_months, persons_of_year
from ablework.quota import folding
from ablework.quota.folding import fold, severe_months
from ablework.quota.models import Declaration, LineMonth, RosterLine
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.rulebook import rules_region
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.rules.jurisdictions.cn.counting import CountingRules
from tests.employers.factories import EmployerFactory
from tests.registry.factories import PersonFactory

from .conftest import ON, YEAR

pytestmark = pytest.mark.django_db


def _line(row: Declaration, index: int, number: str, folded: int, grade: int = 3) -> None:
    """A line whose months are stored as the fold says (so that fold and months agree)."""
    stored = RosterLine.objects.create(
        declaration=row,
        line=index,
        certificate_kind="disability",
        certificate_number=number,
        certificate_hash=lookup_hash(number),
        certificate_masked=number[:6],
        name="某",
        grade=grade,
        employment_form="labour_contract",
        counted_months=folded,
    )
    severe = set(severe_months(folded))
    LineMonth.objects.bulk_create(
        LineMonth(
            roster_line=stored, month=m, wage=3000, counted=True, weight=2 if m in severe else 1
        )
        for m in folding.counted_months(folded)
    )


def _declared(status: str, *lines: tuple[str, int]) -> Declaration:
    row = Declaration.objects.create(employer=EmployerFactory(), levy_year=YEAR, status=status)
    for index, (number, folded) in enumerate(lines):
        _line(row, index, number, folded)
    return row


def test_a_person_is_one_person_under_an_older_number_and_a_merged_one_is_left_out() -> None:
    renumbered = PersonFactory()
    old_number = "37081119850612402X42"
    CertificateEvent.objects.create(
        person=renumbered,
        kind="issued",
        certificate_hash=lookup_hash(old_number),
        certificate_masked=old_number[:6],
        source="registry",
    )
    kept = PersonFactory()
    merged = PersonFactory()
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    january_to_june = fold((m, 1, True) for m in range(1, 7))
    march_on = fold((m, 1, True) for m in range(3, 13))
    unknown = "37081119700101000X11"
    mine = _declared(
        "certified",
        (renumbered.certificate_number, january_to_june),
        (merged.certificate_number, january_to_june),
        (unknown, january_to_june),
    )
    # another employer's filed declaration counts the renumbered person under the old number
    _declared("submitted", (old_number, march_on))
    # lines that count nothing, and a draft's, are not read
    _declared("submitted", (kept.certificate_number, 0))
    _declared("draft", (kept.certificate_number, march_on))

    filed = filed_months(YEAR)
    assert filed.height == 4
    persons = dict(persons_of_year(YEAR, filed).iter_rows())
    assert persons[renumbered.certificate_hash] == renumbered.pk
    assert persons[lookup_hash(old_number)] == renumbered.pk
    assert merged.certificate_hash not in persons  # merged into another: not this number's
    assert lookup_hash(unknown) not in persons

    rules = CountingRules.read(Evaluation(parameter_tree(), rules_region("370811"), ON))
    frame = counted_months(filed, persons_of_year(YEAR, filed), [mine.pk], rules, 2)
    # March–June of the renumbered person are counted by both employers: taken out
    assert frame.double_counted == 4
    months = frame.months.filter(pl.col("person_id") == f"p{renumbered.pk}")["month"].to_list()
    assert months == [1, 2]
    assert frame.months.height == 2 + 6 + 6
    assert set(frame.months["grade"].to_list()) == {3}


def test_a_severe_month_gets_a_severe_grade_and_a_plain_one_a_plain_grade() -> None:
    person = PersonFactory()
    # January at the severe weight, February at 1, on a line whose grade (3) is not severe
    row = _declared("certified", (person.certificate_number, fold([(1, 2, True), (2, 1, True)])))
    filed = filed_months(YEAR)
    rules = CountingRules.read(
        Evaluation(parameter_tree(), rules_region("370811"), date(2026, 12, 1))
    )
    frame = counted_months(filed, persons_of_year(YEAR, filed), [row.pk], rules, 2)
    assert frame.months.select("month", "grade").rows() == [(1, 1), (2, 3)]
    assert frame.double_counted == 0
