"""Posting, changing and closing job postings: scope, the minimum wage, versions, the audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ablework.core.errors import Conflict, FieldsInvalid, NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.employers.models import Employer
from ablework.matching.access import postings_visible_to
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.postings import close_posting, create_posting, update_posting
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


def _rencheng_employer(demo_data) -> Employer:  # type: ignore[no-untyped-def]
    return demo_data["employer_user"].employer


def test_an_employer_posts_its_own_job_audited_with_its_demands(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    assert posting.status == PostingStatus.OPEN
    assert posting.demands == {
        "read_print": "adjustable",
        "read_screen": "essential",
        "phone": "essential",
    }
    record = AuditRecord.objects.get(action="matching.posting.create", target_id=str(posting.pk))
    assert record.actor_id == user.pk
    assert "电话沟通（必须具备）" in record.changes["demands"][1]
    assert "读屏软件" in record.changes["offers"][1]


def test_a_wage_under_the_local_minimum_is_refused_naming_the_parameter(demo_data) -> None:
    user = demo_data["rencheng_counsellor"]
    employer = _rencheng_employer(demo_data)
    # 任城区: 1,900 元 from 2021-10-01 (鲁政字〔2021〕169号)
    with pytest.raises(FieldsInvalid) as refused:
        create_posting(
            actor=user,
            employer_id=employer.pk,
            details=details(valid_from=date(2022, 6, 1), wage_min=Decimal("1800.00")),
        )
    (message,) = refused.value.problems["wage_min"]
    assert "wages.minimum_wage_monthly" in message
    assert "1900.00 元" in message
    assert "1800.00 元" in message
    assert "任城区" in message
    assert not JobPosting.objects.exists()
    # at the minimum itself it is accepted
    create_posting(
        actor=user,
        employer_id=employer.pk,
        details=details(valid_from=date(2022, 6, 1), wage_min=Decimal("1900.00")),
    )


def test_every_problem_is_named_at_once(demo_data) -> None:
    user = demo_data["employer_user"]
    with pytest.raises(FieldsInvalid) as refused:
        create_posting(
            actor=user,
            employer_id=user.employer_id,
            details=details(
                title="",
                wage_max=Decimal("2000.00"),
                hours_per_week=0,
                valid_until=date(2026, 5, 1),
                offers=("teleport",),
                demands={"phone": "sometimes"},
            ),
        )
    assert set(refused.value.problems) == {
        "title",
        "wage_max",
        "hours_per_week",
        "valid_until",
        "offers",
        "demand_phone",
    }


def test_staff_post_only_for_employers_and_places_of_their_area(demo_data) -> None:
    employer = _rencheng_employer(demo_data)
    with pytest.raises(NotFound):
        create_posting(
            actor=demo_data["weishan_counsellor"], employer_id=employer.pk, details=details()
        )
    weishan = Employer.objects.filter(county_code="370826").first()
    assert weishan is not None
    # a Rencheng counsellor cannot place a posting in Weishan either
    with pytest.raises(NotFound):
        create_posting(
            actor=demo_data["rencheng_counsellor"],
            employer_id=employer.pk,
            details=details(county_code="370826", township_code=""),
        )


def test_postings_are_seen_by_their_area_and_their_employer_only(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    other = Employer.objects.filter(county_code="370811").exclude(pk=user.employer_id).first()
    assert other is not None
    theirs = create_posting(
        actor=demo_data["rencheng_counsellor"], employer_id=other.pk, details=details()
    )
    assert list(postings_visible_to(user)) == [posting]
    assert set(postings_visible_to(demo_data["rencheng_counsellor"])) == {posting, theirs}
    assert set(postings_visible_to(demo_data["jining_auditor"])) == {posting, theirs}
    assert not postings_visible_to(demo_data["weishan_counsellor"]).exists()
    with pytest.raises(NotFound):  # a person holds no permission for them
        postings_visible_to(demo_data["person_user"])


def test_a_change_on_an_old_version_is_refused_and_hires_fill_the_posting(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    seen = posting.version
    update_posting(actor=user, posting=posting, details=details(openings=3), seen_version=seen)
    stale = JobPosting.objects.get(pk=posting.pk)
    with pytest.raises(StaleRecord):
        update_posting(
            actor=demo_data["rencheng_counsellor"],
            posting=stale,
            details=details(title="改过的"),
            seen_version=seen,
        )
    assert JobPosting.objects.get(pk=posting.pk).title == "电话客服"
    filled = update_posting(
        actor=user,
        posting=JobPosting.objects.get(pk=posting.pk),
        details=details(openings=3, openings_filled=3),
    )
    assert filled.status == PostingStatus.FILLED
    with pytest.raises(Conflict):
        update_posting(actor=user, posting=filled, details=details())


def test_closing_keeps_the_posting_and_refuses_a_second_close(demo_data) -> None:
    user = demo_data["employer_user"]
    posting = create_posting(actor=user, employer_id=user.employer_id, details=details())
    close_posting(actor=user, posting=posting, on=date(2026, 7, 1))
    posting.refresh_from_db()
    assert (posting.status, posting.closed_on, posting.close_reason) == (
        PostingStatus.CLOSED,
        date(2026, 7, 1),
        "by_hand",
    )
    with pytest.raises(Conflict):
        close_posting(actor=user, posting=posting, on=date(2026, 7, 2))
    assert AuditRecord.objects.filter(action="matching.posting.close").count() == 1
