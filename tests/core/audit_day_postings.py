"""The job postings' part of the audit day (tests/core/audit_day.py): a job posted by an
employer, changed by a counsellor, one closed by hand and one closed as expired by the system,
a counsellor's batch of recommendations for the county, started and finished, and the
candidates of a posting of 2022 seen by the counsellor (one record naming the job seeker)."""

from __future__ import annotations

from datetime import date

from ablework.accounts.models import User
from ablework.matching.services.batch_run import run_batch
from ablework.matching.services.batches import start_batch
from ablework.matching.services.expiry import close_expired
from ablework.matching.services.postings import close_posting, create_posting, update_posting
from ablework.registry.models import EmploymentStatus, Person
from tests.helpers import signed_in
from tests.matching.factories import details
from tests.matching.seekers import record_seeker


def postings_day(demo_data: dict[str, User]) -> None:
    employer = demo_data["employer_user"]
    counsellor = demo_data["rencheng_counsellor"]
    posting = create_posting(actor=employer, employer_id=employer.employer_id, details=details())
    update_posting(
        actor=counsellor,
        posting=posting,
        details=details(openings=3, offers=("screen_reader", "step_free")),
        seen_version=posting.version,
    )
    close_posting(actor=employer, posting=posting, on=date(2026, 7, 1))
    create_posting(
        actor=employer,
        employer_id=employer.employer_id,
        details=details(title="包装工", valid_until=date(2026, 6, 30)),
    )
    close_expired(on=date(2026, 7, 1))  # the system closes the one that ended
    export = signed_in(counsellor).post("/matching/postings/export.xlsx", {"kind": "targeted"})
    assert export.status_code == 200
    run = start_batch(actor=counsellor, region_code="370811", on=date(2026, 7, 1), queue=False)
    run_batch(run)
    # 2022: 任城区's minimum wage is known, so the posting can be matched
    old = create_posting(
        actor=employer,
        employer_id=employer.employer_id,
        details=details(valid_from=date(2022, 1, 1), valid_until=date(2022, 12, 31)),
    )
    seeker = Person.objects.filter(county_code="370811", merged_into=None).order_by("pk").last()
    assert seeker is not None
    Person.objects.filter(pk=seeker.pk).update(
        employment_status=EmploymentStatus.UNEMPLOYED, employment_kind=""
    )
    record_seeker(counsellor, seeker, on=date(2022, 5, 1))
    seen = signed_in(counsellor).get(
        f"/matching/postings/{old.pk}/candidates/", {"on": "2022-06-01"}
    )
    assert seeker.name in seen.content.decode()
    close_posting(actor=employer, posting=old, on=date(2022, 7, 1))
