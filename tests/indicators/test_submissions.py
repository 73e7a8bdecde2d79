"""The period lock (报送与锁定): a county submits its quarter, the city approves (locks) or returns
it; a locked quarter's figures never change when the registry changes afterwards, the
difference is stated, and a correction appears as a revision with who, when and why."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from ablework.core.errors import Invalid, NotFound
from ablework.core.measure_parts import Tally
from ablework.core.models import AuditRecord, Region
from ablework.core.versioning import StaleRecord
from ablework.indicators.audit_actions import SubmissionAction
from ablework.indicators.models import (
    RevisionStatus,
    SubmissionStatus,
    SubmittedFigure,
)
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.dashboard import dashboard_of
from ablework.indicators.selectors.figures import figures_for
from ablework.indicators.selectors.locks import locked_figures
from ablework.indicators.services.submissions import (
    approve_revision,
    approve_submission,
    propose_revision,
    return_revision,
    return_submission,
    submit_figures,
)
from ablework.registry.models import Person
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory
from tests.indicators.test_measures import GUHUAI, RENCHENG, person, quarter  # noqa: F401

pytestmark = pytest.mark.django_db
Q2 = parse_period("2026Q2")


def _row(region_code: str, period, code: str = "new_employment"):  # type: ignore[no-untyped-def]
    region = Region.objects.get(code=region_code)
    return next(row for row in dashboard_of(region, period) if row.figure.measure.code == code)


def _live(region_code: str, code: str = "new_employment") -> Tally:
    region = Region.objects.get(code=region_code)
    return next(f for f in figures_for(region, Q2) if f.measure.code == code).total


def _newcomer() -> Person:
    """Someone recorded afterwards as having found work in 任城区 (古槐街道) in the quarter."""
    return person(
        ("unemployed", "", date(2026, 1, 1)),
        ("employed", "flexible", date(2026, 5, 20)),
        township_code=GUHUAI,
    )


@pytest.fixture
def locked_q2(demo_data, quarter):  # type: ignore[no-untyped-def]  # noqa: F811
    submission = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    approve_submission(
        actor=demo_data["jining_admin"], submission_id=submission.pk, version=submission.version
    )
    submission.refresh_from_db()
    return submission


def test_a_submission_stores_every_indicator_for_the_county_and_its_townships(
    demo_data,
    quarter,  # noqa: F811
) -> None:
    # when 任城区's administrator submits the quarter
    submission = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    # then each indicator's total and each township's part is stored as it is now
    live = {f.measure.code: f for f in figures_for(Region.objects.get(code=RENCHENG), Q2)}
    rows = SubmittedFigure.objects.filter(submission=submission)
    assert {row.indicator for row in rows} == set(live)
    total = rows.get(indicator="new_employment", place=RENCHENG)
    assert int(total.numerator) == live["new_employment"].total.numerator
    guhuai = rows.get(indicator="new_employment", place=GUHUAI)
    part = next(p for p in live["new_employment"].parts if p.code == GUHUAI)
    assert int(guhuai.numerator) == part.tally.numerator
    rate = rows.get(indicator="employment_rate", place=RENCHENG)
    assert rate.denominator == live["employment_rate"].total.denominator
    assert submission.status == SubmissionStatus.SUBMITTED
    audit = AuditRecord.objects.get(action=SubmissionAction.SUBMIT)
    assert audit.actor == demo_data["rencheng_admin"]
    assert audit.region_code == RENCHENG
    # and it cannot be submitted twice
    with pytest.raises(Invalid, match="已经报送过"):
        submit_figures(
            actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
        )


def test_a_locked_quarter_never_changes_when_the_registry_changes_afterwards(locked_q2) -> None:
    # given 任城区's 2026Q2 locked, and the figure it was locked with
    before = _row(RENCHENG, Q2)
    locked_value = before.value
    assert before.lock is not None
    assert before.lock.differences == []
    # when someone is recorded afterwards as having found work in the quarter
    _newcomer()
    # then the live figure moved, but the dashboard shows the locked figure
    assert _live(RENCHENG).numerator == locked_value + 1
    after = _row(RENCHENG, Q2)
    assert after.value == locked_value
    # and it says, for that indicator, that live data now differs
    assert after.lock is not None
    assert after.lock.submission == locked_q2
    [difference] = after.lock.differences
    assert (difference.live.numerator, difference.locked.numerator) == (
        locked_value + 1,
        locked_value,
    )
    # the township's part is the locked one too, and so is 古槐街道's own dashboard
    guhuai_part = next(p for p in after.figure.parts if p.code == GUHUAI)
    guhuai = _row(GUHUAI, Q2)
    assert guhuai.value == guhuai_part.tally.numerator
    assert guhuai.lock is not None
    assert guhuai.lock.differences
    # the stored rows themselves cannot be changed, by the ORM or by SQL
    row = SubmittedFigure.objects.filter(submission=locked_q2).first()
    with pytest.raises(PermissionError):
        SubmittedFigure.objects.filter(pk=row.pk).update(numerator=0)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE indicators_submittedfigure SET numerator = 0 WHERE id = %s", [row.pk]
        )


def test_the_city_total_is_its_counties_locked_figures(locked_q2) -> None:
    # given 济宁市's figure with 任城区 locked
    city_before = _row("370800", Q2).value
    # when 任城区's live data changes afterwards
    _newcomer()
    # then the city's figure does not move: 任城区 counts with its locked figure
    city = _row("370800", Q2)
    assert city.value == city_before
    rencheng = next(part for part in city.figure.parts if part.code == RENCHENG)
    assert rencheng.tally.numerator == _row(RENCHENG, Q2).value
    assert city.lock is not None
    assert city.lock.locked_below == 1
    assert [d.code for d in city.lock.differences] == [RENCHENG]
    # and the province's figure includes it the same way
    assert _row("370000", Q2).value == _row("370000", Q2).figure.total.numerator
    province = _row("370000", Q2)
    jining = next(part for part in province.figure.parts if part.code == "370800")
    assert jining.tally.numerator == city_before


def test_a_revision_appears_with_who_when_and_why_once_the_city_approves_it(
    demo_data, locked_q2
) -> None:
    # given a later correction of the registry, then a revision of the locked figure
    locked_value = _row(RENCHENG, Q2).value
    _newcomer()
    with pytest.raises(Invalid, match="理由"):
        propose_revision(
            actor=demo_data["rencheng_admin"],
            submission_id=locked_q2.pk,
            version=locked_q2.version,
            indicators=["new_employment"],
            reason=" ",
        )
    revision = propose_revision(
        actor=demo_data["rencheng_admin"],
        submission_id=locked_q2.pk,
        version=locked_q2.version,
        indicators=["new_employment", "training_attendances"],
        reason="补录5月20日在古槐街道灵活就业的1人",
    )
    # only the indicator that differs is revised; until approved, the locked figure stands
    assert set(revision.figures.values_list("indicator", flat=True)) == {"new_employment"}
    assert _row(RENCHENG, Q2).value == locked_value
    # the county cannot approve its own, the city can
    with pytest.raises(Invalid):
        approve_revision(
            actor=demo_data["rencheng_admin"], revision_id=revision.pk, version=revision.version
        )
    approve_revision(
        actor=demo_data["jining_admin"], revision_id=revision.pk, version=revision.version
    )
    # then the revised figure is shown, with no difference left, and the original is kept
    row = _row(RENCHENG, Q2)
    assert row.value == locked_value + 1
    assert row.lock is not None
    assert row.lock.revised
    assert row.lock.differences == []
    original = SubmittedFigure.objects.get(
        submission=locked_q2, revision=None, indicator="new_employment", place=RENCHENG
    )
    assert int(original.numerator) == locked_value
    lock = locked_figures(Region.objects.get(code=RENCHENG), Q2).own
    stored = lock.figures["new_employment"]
    assert stored.original.numerator == locked_value
    [approved] = stored.revisions
    assert approved.proposed_by == demo_data["rencheng_admin"]
    assert approved.decided_by == demo_data["jining_admin"]
    assert approved.reason == "补录5月20日在古槐街道灵活就业的1人"
    assert approved.created_at is not None
    assert approved.decided_at is not None
    audit = AuditRecord.objects.get(action=SubmissionAction.REVISE)
    assert audit.detail["reason"] == "补录5月20日在古槐街道灵活就业的1人"
    assert audit.changes == {"new_employment": [str(locked_value), str(locked_value + 1)]}


def test_a_returned_revision_leaves_the_locked_figure(demo_data, locked_q2) -> None:
    locked_value = _row(RENCHENG, Q2).value
    _newcomer()
    revision = propose_revision(
        actor=demo_data["rencheng_admin"],
        submission_id=locked_q2.pk,
        version=locked_q2.version,
        indicators=["new_employment"],
        reason="补录",
    )
    with pytest.raises(Invalid, match="理由"):
        return_revision(
            actor=demo_data["jining_admin"], revision_id=revision.pk, version=1, note=""
        )
    return_revision(
        actor=demo_data["jining_admin"], revision_id=revision.pk, version=1, note="无依据"
    )
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED
    assert _row(RENCHENG, Q2).value == locked_value


def test_nothing_to_revise_when_live_equals_locked(demo_data, locked_q2) -> None:
    with pytest.raises(Invalid, match="无需更正"):
        propose_revision(
            actor=demo_data["rencheng_admin"],
            submission_id=locked_q2.pk,
            version=locked_q2.version,
            indicators=["new_employment"],
            reason="核对",
        )


def test_a_returned_submission_is_submitted_again(demo_data, quarter) -> None:  # noqa: F811
    first = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    with pytest.raises(Invalid, match="理由"):
        return_submission(
            actor=demo_data["jining_admin"], submission_id=first.pk, version=1, note=" "
        )
    return_submission(
        actor=demo_data["jining_admin"], submission_id=first.pk, version=1, note="培训数据缺"
    )
    first.refresh_from_db()
    assert (first.status, first.decision_note) == (SubmissionStatus.RETURNED, "培训数据缺")
    # a returned submission is not locked: the dashboard reads live figures
    assert _row(RENCHENG, Q2).lock is None
    # the county submits again: a new submission, the returned one kept as it was
    second = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    assert second.pk != first.pk
    assert second.status == SubmissionStatus.SUBMITTED
    assert SubmittedFigure.objects.filter(submission=first).exists()
    approve_submission(actor=demo_data["jining_admin"], submission_id=second.pk, version=1)
    assert _row(RENCHENG, Q2).lock.submission == second
    actions = list(
        AuditRecord.objects.filter(action__startswith="indicators.submission")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        SubmissionAction.SUBMIT,
        SubmissionAction.RETURN,
        SubmissionAction.SUBMIT,
        SubmissionAction.APPROVE,
    ]


def test_who_may_submit_and_decide(demo_data, quarter) -> None:  # noqa: F811
    # the city cannot submit for a county, nor a county for a city or a neighbour
    with pytest.raises(Invalid, match="本级的管理员"):
        submit_figures(actor=demo_data["jining_admin"], region_code=RENCHENG, period_code="2026Q2")
    with pytest.raises(Invalid):
        submit_figures(actor=demo_data["jining_admin"], region_code="370800", period_code="2026")
    with pytest.raises(NotFound):
        submit_figures(actor=demo_data["rencheng_admin"], region_code="370812", period_code="2026")
    # a month, a plan's years and a period not begun are not submitted
    for code in ("2026-05", "2023-2025", "2031"):
        with pytest.raises(Invalid):
            submit_figures(
                actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code=code
            )
    submission = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    # the county cannot approve its own; another county's administrator cannot even find it;
    # another city's administrator neither
    with pytest.raises(Invalid, match="上级审核"):
        approve_submission(
            actor=CountyAdminFactory(region_id=RENCHENG), submission_id=submission.pk, version=1
        )
    with pytest.raises(NotFound):
        approve_submission(
            actor=CountyAdminFactory(region_id="370812"), submission_id=submission.pk, version=1
        )
    with pytest.raises(NotFound):
        approve_submission(
            actor=CityAdminFactory(region_id="370300"), submission_id=submission.pk, version=1
        )
    # a counsellor reads but does not decide
    with pytest.raises(NotFound):
        approve_submission(
            actor=demo_data["rencheng_counsellor"], submission_id=submission.pk, version=1
        )


def test_of_two_decisions_on_the_same_version_the_second_is_refused(demo_data, quarter) -> None:  # noqa: F811
    submission = submit_figures(
        actor=demo_data["rencheng_admin"], region_code=RENCHENG, period_code="2026Q2"
    )
    seen = submission.version
    approve_submission(actor=demo_data["jining_admin"], submission_id=submission.pk, version=seen)
    with pytest.raises((StaleRecord, Invalid)):
        return_submission(
            actor=demo_data["shandong_admin"], submission_id=submission.pk, version=seen, note="x"
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.LOCKED
    assert AuditRecord.objects.filter(action=SubmissionAction.RETURN).count() == 0
