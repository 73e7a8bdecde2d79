"""The mandate status of each organ and institution, by the rules engine's `organ-mandate`, with
the persons counted from the latest certified declaration, and the pooled county line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.organs.selectors.mandate import county_aggregates, mandate_statuses
from ablework.quota.models import Declaration

ON = date(2026, 12, 1)
_numbers = count(1)


def unit(
    kind: str,
    level: str,
    posts: int | None,
    *,
    staff: int | None = None,
    school: str = "",
    county: str = "370811",
) -> Employer:
    number = next(_numbers)
    prefix = "11" if kind == "organ" else "12"
    return Employer.objects.create(
        name=f"测试单位{number}",
        uscc=uscc_with_check(f"{prefix}{county}8{number:07d}"),
        kind=kind,
        county_code=county,
        staff_count=staff if staff is not None else (posts or 10),
        administrative_level=level,
        authorised_posts=posts,
        school_type=school,
    )


def certified(
    employer: Employer, *, year: int, counted: str, staff: str, status: str = "certified"
) -> Declaration:
    return Declaration.objects.create(
        employer=employer,
        levy_year=year,
        status=status,
        rules_trace={"counted_disabled": counted, "annual_average_headcount": staff},
    )


def status_of(employer: Employer):
    return mandate_statuses(Employer.objects.filter(pk=employer.pk), on=ON)[0]


@pytest.mark.django_db
def test_an_organ_of_50_posts_below_the_ratio_must_place_one_person_by_2027():
    organ = unit("organ", "prefecture", 50)

    status = status_of(organ)

    assert status.mandated is True
    assert (status.minimum, status.gap, status.deadline) == (1, 1, date(2027, 12, 31))
    assert status.reasons[0].plain == "须在期限前至少安排残疾人就业，尚未达到"
    assert "编制 50 ≥ 50" in status.reasons[0].detail


@pytest.mark.django_db
def test_an_organ_of_49_posts_is_not_mandated_because_of_its_size():
    status = status_of(unit("organ", "prefecture", 49))

    assert status.mandated is False
    assert status.gap == 0
    assert status.reasons[0].plain == "编制数不足，不要求单独带头安排"
    assert "编制 49 < 50" in status.reasons[0].detail


@pytest.mark.django_db
def test_an_institution_is_mandated_from_67_posts_not_at_66():
    at = status_of(unit("institution", "province", 67))
    below = status_of(unit("institution", "province", 66))

    assert at.mandated is True
    assert at.gap == 1
    assert below.mandated is False
    assert "编制 66 < 67" in below.reasons[0].detail


@pytest.mark.django_db
def test_a_school_is_excluded_whatever_its_size():
    status = status_of(unit("institution", "prefecture", 300, school="primary_secondary"))

    assert status.mandated is False
    assert status.reasons[0].plain == "中小学、幼儿园不在带头安排范围内"


@pytest.mark.django_db
def test_the_persons_come_from_the_latest_certified_declaration_only():
    organ = unit("organ", "prefecture", 80, staff=80)
    certified(organ, year=2024, counted="1", staff="80")
    certified(organ, year=2025, counted="5", staff="80", status="submitted")

    status = status_of(organ)

    assert (status.counted, status.counted_year) == (Decimal("1"), 2024)
    # 1 < 80 × 1.5% = 1.2: still below the ratio, but the minimum of one is met
    assert status.mandated is True
    assert status.gap == 0
    assert status.reasons[0].code == "placement_met"


@pytest.mark.django_db
def test_a_unit_that_meets_the_ratio_has_no_duty_left():
    organ = unit("organ", "prefecture", 60, staff=60)
    certified(organ, year=2025, counted="2", staff="60")

    status = status_of(organ)

    assert status.mandated is False
    assert status.reasons[0].plain == "安排残疾人就业已达到规定比例"


@pytest.mark.django_db
def test_a_unit_without_level_or_posts_says_why_it_cannot_be_judged():
    status = status_of(unit("organ", "", 80))
    posts = status_of(unit("organ", "prefecture", None))

    assert status.mandated is None
    assert status.problem == "未登记行政级别，无法判断是否须带头安排。"
    assert posts.problem == "未登记编制数，无法判断是否须带头安排。"


@pytest.mark.django_db
def test_county_units_are_pooled_and_the_county_line_compares_its_posts_with_the_ratio():
    civil = unit("organ", "county", 100)
    hospital = unit("institution", "county", 300)
    certified(hospital, year=2025, counted="2", staff="300")
    unit("organ", "county", 50, county="370826")
    statuses = mandate_statuses(Employer.objects.all(), on=ON)

    lines = {line.county_code: line for line in county_aggregates(statuses, on=ON)}

    assert all(s.mandated is False and s.reasons[0].code == "level_pooled" for s in statuses)
    rencheng = lines["370811"]
    assert (rencheng.units, rencheng.authorised_posts) == (2, 400)
    assert rencheng.ratio == Decimal("0.015")
    assert rencheng.required == Decimal("6.000")
    assert (rencheng.counted, rencheng.met, rencheng.gap) == (Decimal("2"), False, 4)
    assert "财税〔2015〕72号" in rencheng.ratio_reference
    assert lines["370826"].gap == 1  # 50 × 1.5% = 0.75: one person
    assert civil.pk in {s.employer_id for s in statuses}
