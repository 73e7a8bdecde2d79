"""The fairness report of a batch, on a constructed set of 41 persons whose shares are worked out
by hand: by category, grade, sex and township, the groups clearly below the overall share
flagged, small groups hidden (and the next smallest, when one alone would be given away by the
total), with the constraints that excluded the persons left with fewer than three."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ablework.matching.models import RecommendationEntry, RecommendationRun, RunStatus
from ablework.matching.selectors.fairness import fairness_report
from ablework.registry.models import Person

pytestmark = pytest.mark.django_db

# (how many, category, grade, sex, township, suggestions, main constraint when fewer than 3)
GROUPS = (
    (3, 1, 1, "female", "370811001", 5, ""),  # A: 视力残疾一级, 12 persons, 3 with enough
    (6, 1, 1, "female", "370811001", 1, "3"),
    (3, 1, 1, "female", "370811001", 1, "5"),
    (16, 4, 3, "male", "370811002", 4, ""),  # B: 肢体残疾三级, 20 persons, 16 with enough
    (4, 4, 3, "male", "370811002", 0, "5"),
    (2, 5, 2, "male", "370811002", 3, ""),  # C: 智力残疾二级, 4 persons
    (2, 5, 2, "male", "370811002", 2, "6"),
    (5, 2, 4, "female", "370811001", 3, ""),  # D: 听力残疾四级, 5 persons
)


@pytest.fixture
def run(demo_data) -> RecommendationRun:
    persons = iter(Person.objects.order_by("pk")[:41])
    batch = RecommendationRun.objects.create(
        region_code="370811", as_of=date(2022, 6, 1), top=10, status=RunStatus.SUCCEEDED
    )
    for count, category, grade, sex, township, suggestions, main in GROUPS:
        for _ in range(count):
            person = next(persons)
            Person.objects.filter(pk=person.pk).update(
                disability_category=category,
                disability_grade=grade,
                sex=sex,
                county_code="370811",
                township_code=township,
            )
            RecommendationEntry.objects.create(
                run=batch,
                person=person,
                suggestions_count=suggestions,
                main_constraint=main,
                broken={main: 3} if main else {},
            )
    return batch


def _table(report, key):
    table = next(t for t in report.tables if t.key == key)
    return {group.label: group for group in table.groups}


def _excluders(group):
    return [(item.constraint, item.persons) for item in group.excluders]


def test_shares_by_group_against_the_overall_share(run, settings):
    settings.MATCHING_FAIRNESS_MIN_GROUP = 10
    settings.MATCHING_FAIRNESS_GAP_POINTS = 10
    report = fairness_report(run)

    assert (report.persons, report.enough) == (41, 26)
    assert report.share == Decimal("63.4")  # 26 / 41
    assert [(e.constraint, e.persons) for e in report.overall_excluders] == [
        ("5", 7),
        ("3", 6),
        ("6", 2),
    ]

    category = _table(report, "category")
    visual, physical = category["视力残疾"], category["肢体残疾"]
    assert (visual.persons, visual.enough, visual.share) == (12, 3, Decimal("25.0"))
    assert visual.below  # 38.4 points under
    assert _excluders(visual) == [("3", 6), ("5", 3)]
    assert (physical.share, physical.below) == (Decimal("80.0"), False)
    # 4 and 5 persons: fewer than 10, no figures
    assert category["智力残疾"].suppressed
    assert category["听力残疾"].suppressed
    assert category["听力残疾"].excluders == []

    grade = _table(report, "grade")
    assert grade["一级"].share == Decimal("25.0")
    assert grade["一级"].below
    assert grade["二级"].suppressed

    sex = _table(report, "sex")
    assert (sex["女"].persons, sex["女"].enough, sex["女"].share) == (17, 8, Decimal("47.1"))
    assert sex["女"].below  # 16.3 points under
    assert (sex["男"].share, sex["男"].below) == (Decimal("75.0"), False)  # 18 / 24
    assert _excluders(sex["男"]) == [("5", 4), ("6", 2)]

    township = _table(report, "township")
    assert {group.persons for group in township.values()} == {17, 24}
    assert any(group.below for group in township.values())


def test_a_group_hidden_alone_hides_the_next_smallest_too(run, settings):
    settings.MATCHING_FAIRNESS_MIN_GROUP = 5
    category = _table(fairness_report(run), "category")
    assert category["智力残疾"].suppressed  # 4 persons
    assert category["听力残疾"].suppressed  # 5: else 41 − 12 − 20 − 5 would give the 4 away
    assert not category["视力残疾"].suppressed


def test_a_gap_under_the_setting_is_not_flagged(run, settings):
    settings.MATCHING_FAIRNESS_GAP_POINTS = 40
    category = _table(fairness_report(run), "category")
    assert not category["视力残疾"].below  # 38.4 points under, the setting asks 40
