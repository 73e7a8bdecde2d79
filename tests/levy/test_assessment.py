"""The season assessment: the batch path's figures equal the single-case path's, employer by
employer; the deadline's deemed-none; a re-run replaces the region's rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ablework.accounts.models import User
from ablework.demo.declarations import DemoDeclarations
from ablework.levy.models import Assessment, AssessmentBasis
from ablework.levy.selectors.assessments import reproduce
from ablework.levy.services.assessment import assess_season
from ablework.quota.folding import refold
from ablework.quota.models import Declaration, RosterLine
from ablework.quota.selectors.drafts import check_stored, with_roster

from .conftest import ON, YEAR


def _figures(result: dict) -> dict:
    return {
        key: Decimal(str(result[key])) if result[key] is not None else None
        for key in (
            "levy_due",
            "levy_before_reduction",
            "annual_average_headcount",
            "counted_disabled",
        )
    }


@pytest.mark.django_db
def test_each_certified_employer_is_assessed_as_the_single_case_check_says(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    run = assess_season(
        actor=demo_data["shandong_admin"], levy_year=YEAR, region_code="370800", assessed_on=ON
    )
    rows = {row.employer_id: row for row in Assessment.objects.filter(run=run)}
    certified = with_roster(
        Declaration.objects.filter(
            levy_year=YEAR, status="certified", employer__county_code__startswith="3708"
        )
    )  # the region assessed (the demo's Hunan employer is elsewhere)
    assert certified, "the demo has certified 2025 declarations"
    for declaration in certified:
        row = rows[declaration.employer_id]
        assert row.basis == AssessmentBasis.CERTIFIED
        single = check_stored(declaration, today=ON).worksheet
        assert "error" not in single, single
        again = reproduce(row, run)
        assert again is not None
        expected = _figures(single)
        assert _figures(again) == expected
        assert row.levy_due == expected["levy_due"]
        assert row.levy_before_reduction == expected["levy_before_reduction"]
        assert row.headcount == expected["annual_average_headcount"].quantize(Decimal("0.0001"))
        assert row.disabled == expected["counted_disabled"].quantize(Decimal("0.0001"))


def _certified(demo: DemoDeclarations) -> Declaration:
    return with_roster(Declaration.objects.filter(pk=demo.certified.pk)).get()


@pytest.mark.django_db
def test_a_person_counted_by_two_employers_in_a_month_counts_for_neither_as_the_check_says(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    from ablework.quota.models import LineMonth

    mine = _certified(demo_quota)
    before = check_stored(mine, today=ON).worksheet
    line = mine.lines.all()[0]
    # Another employer's filed declaration counts the same certificate in March and April (as
    # two submissions racing each other could leave it).
    other = demo_quota.submitted[0]
    theirs = RosterLine.objects.filter(declaration=other).first()
    assert theirs is not None
    RosterLine.objects.filter(pk=theirs.pk).update(certificate_hash=line.certificate_hash)
    LineMonth.objects.filter(roster_line=theirs).delete()
    for month in (3, 4):
        LineMonth.objects.create(
            roster_line=theirs,
            month=month,
            wage=Decimal("3000"),
            social_insurance_paid=True,
            counted=True,
            weight=1,
        )
    refold(RosterLine.objects.filter(pk=theirs.pk))
    run = assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    assert run.double_counted_months >= 2
    row = Assessment.objects.get(run=run, employer_id=mine.employer_id)
    single = check_stored(_certified(demo_quota), today=ON).worksheet
    assert Decimal(single["counted_disabled"]) < Decimal(before["counted_disabled"])
    assert row.disabled == Decimal(single["counted_disabled"]).quantize(Decimal("0.0001"))
    assert row.levy_due == Decimal(single["levy_due"])
    again = reproduce(row, run)
    assert again is not None
    assert Decimal(again["levy_due"]) == row.levy_due


@pytest.mark.django_db
def test_before_any_deadline_is_recorded_employers_without_a_certified_declaration_are_not_assessed(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    run = assess_season(
        actor=demo_data["shandong_admin"], levy_year=YEAR, region_code="370800", assessed_on=ON
    )
    assert run.deadline is None
    assert not run.deemed_applied
    assert run.deemed_none == 0
    assert run.not_assessed > 0
    assert not Assessment.objects.filter(run=run, basis=AssessmentBasis.DEEMED_NONE).exists()


@pytest.mark.django_db
def test_after_the_deadline_the_uncertified_are_deemed_to_have_placed_nobody(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    from ablework.parameters.services import propose_local_value

    propose_local_value(
        None,
        name="levy.certification_deadline",
        region="370800",
        effective_from="2026-03-01",
        value="2026-10-31",
        reference="测试用截止日期",
    )
    run = assess_season(
        actor=demo_data["shandong_admin"], levy_year=YEAR, region_code="370800", assessed_on=ON
    )
    assert run.deemed_applied
    assert run.deadline is not None
    assert run.deadline.isoformat() == "2026-10-31"
    returned = Assessment.objects.get(run=run, employer_id=demo_quota.returned.employer_id)
    # Its own declared headcount and wage total, nobody counted.
    assert returned.basis == AssessmentBasis.DEEMED_NONE
    assert returned.disabled == 0
    assert returned.problem == ""
    assert returned.levy_due is not None
    assert returned.levy_due > 0
    single = reproduce(returned, run)
    assert single is not None
    assert Decimal(single["levy_due"]) == returned.levy_due
    # An employer that declared nothing: deemed none, and said to have no figures.
    silent = Assessment.objects.filter(run=run, problem="no_figures").first()
    assert silent is not None
    assert silent.levy_due is None
    assert silent.headcount is None
    assert run.no_figures == Assessment.objects.filter(run=run, problem="no_figures").count()
    # Certified employers keep their own figures.
    certified = Assessment.objects.get(run=run, employer_id=demo_quota.certified.employer_id)
    assert certified.basis == AssessmentBasis.CERTIFIED


@pytest.mark.django_db
def test_a_second_run_replaces_the_regions_rows_and_leaves_other_regions_alone(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    city = assess_season(actor=None, levy_year=YEAR, region_code="370800", assessed_on=ON)
    before = Assessment.objects.filter(levy_year=YEAR).count()
    county = assess_season(actor=None, levy_year=YEAR, region_code="370826", assessed_on=ON)
    assert Assessment.objects.filter(levy_year=YEAR).count() == before
    assert Assessment.objects.filter(run=county).exists()
    assert not Assessment.objects.filter(run=city, county_code="370826").exists()
    assert Assessment.objects.filter(run=city).exclude(county_code="370826").count() == (
        before - Assessment.objects.filter(run=county).count()
    )


@pytest.mark.django_db
def test_a_failing_run_leaves_the_earlier_rows_as_they_were(
    demo_quota: DemoDeclarations, demo_data: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ablework.levy.services import assessment

    first = assess_season(actor=None, levy_year=YEAR, region_code="370800", assessed_on=ON)
    kept = sorted(Assessment.objects.filter(run=first).values_list("pk", flat=True))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(assessment, "_summarise", broken)
    with pytest.raises(RuntimeError):
        assess_season(actor=None, levy_year=YEAR, region_code="370800", assessed_on=ON)
    assert sorted(Assessment.objects.filter(levy_year=YEAR).values_list("pk", flat=True)) == kept


@pytest.mark.django_db
def test_a_county_administrator_cannot_assess_another_county(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    from ablework.core.errors import NotFound

    with pytest.raises(NotFound):
        assess_season(
            actor=demo_data["rencheng_admin"], levy_year=YEAR, region_code="370826", assessed_on=ON
        )
    with pytest.raises(NotFound):
        assess_season(
            actor=demo_data["rencheng_counsellor"],
            levy_year=YEAR,
            region_code="370811",
            assessed_on=ON,
        )
    run = assess_season(
        actor=demo_data["rencheng_admin"], levy_year=YEAR, region_code="370811", assessed_on=ON
    )
    assert set(Assessment.objects.filter(run=run).values_list("county_code", flat=True)) <= {
        "370811"
    }


@pytest.mark.django_db
def test_two_certified_employers_counting_one_person_are_assessed_row_by_row_as_the_check_says(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    """A constructed year with double counting between two certified declarations: every
    certified employer's row (figures and the persons kept in its inputs) is what the
    single-case check of its declaration gives, to the fen."""
    from ablework.quota.models import LineMonth

    mine = _certified(demo_quota)
    line = mine.lines.all()[0]
    mine_months = set(
        LineMonth.objects.filter(roster_line=line, counted=True).values_list("month", flat=True)
    )
    shared = {3, 4, 5} & mine_months
    assert shared, "the certified line counts March to May"
    # A second certified declaration (another employer's) whose first line names the same
    # certificate, counted from March to May.
    other = demo_quota.resubmitted
    Declaration.objects.filter(pk=other.pk).update(status="certified")
    theirs = RosterLine.objects.filter(declaration=other).order_by("line").first()
    assert theirs is not None
    RosterLine.objects.filter(pk=theirs.pk).update(
        certificate_kind=line.certificate_kind,
        certificate_number=line.certificate_number,
        certificate_hash=line.certificate_hash,
        certificate_masked=line.certificate_masked,
        name=line.name,
        grade=line.grade,
        resident_id=line.resident_id,
        resident_id_masked=line.resident_id_masked,
    )
    LineMonth.objects.filter(roster_line=theirs).delete()
    for month in (3, 4, 5):
        LineMonth.objects.create(
            roster_line=theirs,
            month=month,
            wage=Decimal("3000"),
            social_insurance_paid=True,
            counted=True,
            weight=1,
        )
    refold(RosterLine.objects.filter(pk=theirs.pk))
    run = assess_season(actor=None, levy_year=YEAR, region_code="", assessed_on=ON)
    assert run.double_counted_months >= 2 * len(shared)
    rows = {row.employer_id: row for row in Assessment.objects.filter(run=run)}
    certified = list(with_roster(Declaration.objects.filter(levy_year=YEAR, status="certified")))
    assert {mine.pk, other.pk} <= {d.pk for d in certified}
    for declaration in certified:
        row = rows[declaration.employer_id]
        single = check_stored(declaration, today=ON).worksheet
        assert "error" not in single, single
        assert row.levy_due == Decimal(single["levy_due"])
        assert row.levy_before_reduction == Decimal(single["levy_before_reduction"])
        assert row.reduction == row.levy_before_reduction - row.levy_due
        assert row.disabled == Decimal(single["counted_disabled"]).quantize(Decimal("0.0001"))
        assert row.headcount == Decimal(single["annual_average_headcount"]).quantize(
            Decimal("0.0001")
        )
        again = reproduce(row, run)
        assert again is not None
        assert _figures(again) == _figures(single)
    # The stored inputs (the trace) hold the months the check counts, the shared ones left out.
    for declaration in (mine, other):
        check = check_stored(
            with_roster(Declaration.objects.filter(pk=declaration.pk)).get(), today=ON
        )
        counted = sum(1 for result in check.lines for m in result.months.values() if m.counted)
        persons = rows[declaration.employer_id].inputs["persons"]
        assert all(len(grades) == 12 for _c, grades, _d, _a in persons)
        assert sum(12 - grades.count("0") for _c, grades, _d, _a in persons) == counted
    alone = sum(
        1
        for result in check_stored(mine, today=ON).lines
        if result.certificate_hash == line.certificate_hash
        for m in result.months.values()
        if m.counted
    )
    assert alone == len(mine_months - shared)
    mine_row = rows[mine.employer_id]
    assert mine_row.inputs["figures_from"] == mine.pk
    assert mine_row.inputs["jurisdiction"] == mine.employer.county_code
