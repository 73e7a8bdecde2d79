"""The dated certificate history: the quota check reads, for each person and month of a levy
year, whether the 残疾人证 was valid and its category and grade (rules.md R3.4)."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ablework.core.models import AuditRecord
from ablework.registry.certificates import MonthReason
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.selectors.certificates import certificate_months, persons_by_certificate
from ablework.registry.services.certificates import add_certificate_event, record_certificate_event
from ablework.registry.services.evidence import record_death
from tests.registry.conftest import signed_in

pytestmark = pytest.mark.django_db
V, NI, EX, RV, DD = (
    MonthReason.VALID,
    MonthReason.NOT_ISSUED,
    MonthReason.EXPIRED,
    MonthReason.REVOKED,
    MonthReason.DEAD,
)


def _history(person: Person, *events: tuple) -> None:
    """Replace the person's history with (kind, date, values) events."""
    person.certificate_events.all().delete()
    for kind, on, values in events:
        CertificateEvent.objects.create(
            person=person, kind=kind, effective_on=on, source="staff", **values
        )


def _reasons(person: Person, year: int = 2025) -> list[MonthReason]:
    return [state.reason for state in certificate_months(year, person_ids=[person.pk])[person.pk]]


def test_a_certificate_issued_mid_year_counts_from_the_first_whole_month(make_person):
    person = make_person()
    _history(
        person, ("issued", date(2025, 3, 15), {"disability_category": 4, "disability_grade": 3})
    )
    # March is not whole (issued on the 15th); April on is valid
    assert _reasons(person) == [NI, NI, NI] + [V] * 9
    _history(
        person, ("issued", date(2025, 4, 1), {"disability_category": 4, "disability_grade": 3})
    )
    assert _reasons(person) == [NI, NI, NI] + [V] * 9


def test_an_expiry_mid_year_ends_the_valid_months_and_a_renewal_resumes_them(make_person):
    person = make_person()
    issued = {"disability_category": 4, "disability_grade": 3, "valid_until": date(2025, 6, 30)}
    _history(person, ("issued", None, issued))
    assert _reasons(person) == [V] * 6 + [EX] * 6
    # renewed on 10 September: September still has expired days
    _history(
        person,
        ("issued", None, issued),
        ("renewed", date(2025, 9, 10), {"valid_until": date(2035, 9, 9)}),
    )
    assert _reasons(person) == [V] * 6 + [EX] * 3 + [V] * 3
    # September's message names the expiry it suffered (30 June), not the renewed card's end
    september = certificate_months(2025, person_ids=[person.pk])[person.pk][8]
    assert september.valid_until == date(2025, 6, 30)
    # expiring on 14 June: June is not valid the whole month
    _history(person, ("issued", None, {**issued, "valid_until": date(2025, 6, 14)}))
    assert _reasons(person) == [V] * 5 + [EX] * 7


def test_a_reassessment_from_grade_3_to_2_in_july_changes_the_grade_from_july(make_person):
    person = make_person()
    _history(
        person,
        ("issued", None, {"disability_category": 4, "disability_grade": 3}),
        ("reassessed", date(2025, 7, 20), {"disability_grade": 2}),
    )
    months = certificate_months(2025, person_ids=[person.pk])[person.pk]
    assert [m.grade for m in months] == [3] * 6 + [2] * 6
    assert {m.category for m in months} == {4}
    assert all(m.valid for m in months)


def test_a_revocation_and_a_death_end_the_months_they_fall_in(make_person):
    revoked, dead = make_person(), make_person(name="死亡")
    _history(
        revoked,
        ("issued", None, {"disability_category": 4, "disability_grade": 3}),
        ("revoked", date(2025, 5, 1), {}),
    )
    _history(
        dead,
        (
            "issued",
            None,
            {"disability_category": 4, "disability_grade": 3, "valid_until": date(2025, 3, 31)},
        ),
        ("renewed", date(2025, 3, 20), {"valid_until": date(2030, 3, 31)}),
        ("holder_died", date(2025, 10, 31), {}),
    )
    assert _reasons(revoked) == [V] * 4 + [RV] * 8
    # died on the last day of October: October is not whole
    assert _reasons(dead) == [V] * 9 + [DD] * 3


def test_a_person_without_history_reads_as_their_record(make_person):
    person = make_person()
    person.certificate_events.all().delete()
    Person.objects.filter(pk=person.pk).update(certificate_valid_until=date(2025, 8, 31))
    assert _reasons(person) == [V] * 8 + [EX] * 4


@pytest.mark.parametrize("count", [1, 500])
def test_the_months_of_1_or_500_persons_cost_the_same_queries(make_person, demo_data, count):
    from ablework.demo.seeding import seed_persons

    seed_persons(count=count, seed=11)
    ids = list(Person.objects.order_by("-pk").values_list("pk", flat=True)[:count])
    hashes = list(Person.objects.filter(pk__in=ids).values_list("certificate_hash", flat=True))
    with CaptureQueriesContext(connection) as by_id:
        months = certificate_months(2025, person_ids=ids)
    with CaptureQueriesContext(connection) as by_hash:
        by_number = certificate_months(2025, certificate_hashes=hashes)
    assert len(months) == count
    assert by_number == months
    # two queries by id; by number one more (all numbers are current: no older-number lookup)
    assert (len(by_id.captured_queries), len(by_hash.captured_queries)) == (2, 3)


def test_staff_record_a_reassessment_and_the_record_and_number_follow(make_person, demo_data):
    person = make_person()  # 肢体二级, number …42
    old_hash = person.certificate_hash
    record_certificate_event(
        actor=demo_data["rencheng_admin"],
        person=person,
        kind="reassessed",
        on=date(2025, 7, 1),
        grade=1,
        source_detail="2025年7月重新评定",
    )
    person.refresh_from_db()
    assert (person.disability_grade, person.certificate_number[-2:]) == (1, "41")
    assert person.version == 2
    # the old number still finds the person (a roster of that year may carry it)
    assert persons_by_certificate([old_hash, person.certificate_hash]) == {
        old_hash: person.pk,
        person.certificate_hash: person.pk,
    }
    audit = AuditRecord.objects.get(action="registry.person.certificate_event")
    assert audit.changes["disability_grade"] == [2, 1]
    assert audit.changes["certificate_event"] == [None, "重新评定"]
    # the trail shows the new number only masked
    assert person.certificate_number not in str(audit.changes)


def test_a_revocation_sets_the_status_and_a_death_is_recorded_once(make_person, demo_data):
    person = make_person()
    record_certificate_event(
        actor=demo_data["rencheng_admin"], person=person, kind="revoked", on=date(2025, 5, 1)
    )
    person.refresh_from_db()
    assert person.certificate_status == "revoked"
    changes = record_death(person=person, on=date(2025, 9, 3), source="民政死亡名单")
    person.refresh_from_db()
    assert person.certificate_status == "deceased"
    assert changes["certificate_status"] == ["revoked", "deceased"]
    assert record_death(person=person, on=date(2025, 9, 3)) == {}
    assert person.certificate_events.filter(kind="holder_died").count() == 1


def test_a_renewal_needs_a_date_and_nothing_is_recorded_in_the_future(make_person, demo_data):
    from ablework.core.errors import Invalid

    person = make_person()
    with pytest.raises(Invalid):
        record_certificate_event(
            actor=demo_data["rencheng_admin"], person=person, kind="renewed", on=date(2025, 1, 1)
        )
    with pytest.raises(Invalid):
        add_certificate_event(person=person, kind="revoked", on=date(2999, 1, 1), source="staff")
    assert not person.certificate_events.exclude(kind="issued").exists()


def test_staff_add_a_renewal_on_the_record_page_and_see_it_in_the_history(make_person, demo_data):
    person = make_person()
    client = signed_in(demo_data["rencheng_admin"])
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "证件历史" in page
    assert "日期不详（登记前已持证）" in page  # the certificate held at registration
    form = client.get(f"/persons/{person.pk}/certificate/new/")
    assert form.status_code == 200
    # a renewal without its new valid-until date is refused, saying which field
    refused = client.post(
        f"/persons/{person.pk}/certificate/new/",
        {"kind": "renewed", "effective_on": "2025-03-01"},
    ).content.decode()
    assert "换证延期须填写新的证件有效期" in refused
    assert not person.certificate_events.filter(kind="renewed").exists()
    response = client.post(
        f"/persons/{person.pk}/certificate/new/",
        {
            "kind": "renewed",
            "effective_on": "2025-03-01",
            "valid_until": "2035-02-28",
            "source_detail": "换发第三代智能卡",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.certificate_valid_until == date(2035, 2, 28)
    page = client.get(f"/persons/{person.pk}/").content.decode()
    assert "2025-03-01" in page
    assert "有效期至 2035-02-28" in page
    assert "换发第三代智能卡" in page
    audit = AuditRecord.objects.get(action="registry.person.certificate_event")
    assert audit.changes["certificate_valid_until"] == [None, "2035-02-28"]
    # the audit page reads the change with its label
    assert audit.actor == demo_data["rencheng_admin"]


def test_an_auditor_cannot_add_a_certificate_change(make_person, demo_data):
    person = make_person()
    auditor = signed_in(demo_data["jining_auditor"])
    assert "登记证件变化" not in auditor.get(f"/persons/{person.pk}/").content.decode()
    response = auditor.post(
        f"/persons/{person.pk}/certificate/new/", {"kind": "revoked", "effective_on": "2025-03-01"}
    )
    assert response.status_code == 404
    assert not person.certificate_events.filter(kind="revoked").exists()


def test_the_migration_gives_existing_persons_the_history_their_record_implies(make_person):
    from django.apps import apps

    migration = importlib.import_module("ablework.registry.migrations.0009_certificate_event")
    valid, dead, expired = make_person(), make_person(name="已故"), make_person(name="过期")
    Person.objects.filter(pk=valid.pk).update(certificate_valid_until=date(2030, 6, 30))
    Person.objects.filter(pk=dead.pk).update(certificate_status="deceased")
    Person.objects.filter(pk=expired.pk).update(certificate_status="expired")
    CertificateEvent.objects.all().delete()  # as before the migration
    migration.give_every_person_an_issued_event(apps, None)
    issued = CertificateEvent.objects.get(person=valid)
    assert (issued.kind, issued.effective_on, issued.valid_until) == (
        "issued",
        None,
        date(2030, 6, 30),
    )
    assert issued.certificate_hash == valid.certificate_hash
    assert issued.disability_grade == valid.disability_grade
    dead.refresh_from_db()
    death = CertificateEvent.objects.get(person=dead, kind="holder_died")
    assert death.effective_on == timezone.localdate(dead.updated_at)
    assert "日期不详" in death.source_detail
    expired.refresh_from_db()
    # an expired record with no date: expired by its last change at the latest
    assert CertificateEvent.objects.get(person=expired).valid_until == timezone.localdate(
        expired.updated_at
    )
    # the selector reads the migrated history as it reads the records
    assert _reasons(valid) == [V] * 12
    assert certificate_months(2026, person_ids=[dead.pk])[dead.pk][-1].reason is DD


def test_a_changed_valid_until_on_the_edit_form_enters_the_history(make_person, demo_data):
    from ablework.registry.services import PersonChanges, update_person

    person = make_person()
    update_person(
        actor=demo_data["rencheng_admin"],
        person=person,
        changes=PersonChanges(certificate_valid_until=date(2031, 1, 31)),
    )
    kinds = list(person.certificate_events.order_by("id").values_list("kind", "valid_until"))
    assert kinds == [("issued", None), ("renewed", date(2031, 1, 31))]
    renewal = person.certificate_events.get(kind="renewed")
    assert (renewal.effective_on, renewal.source) == (timezone.localdate(), "staff")


def test_the_demo_holds_a_reassessment_expiries_a_revocation_and_a_death_in_2025(demo_data):
    from ablework.demo.seeding import seed_certificate_histories

    persons = seed_certificate_histories(recorded_by=demo_data["rencheng_admin"])
    months = certificate_months(2025, person_ids=[p.pk for p in persons])
    reassessed, expires, renewed_late, revoked, died = (months[p.pk] for p in persons)
    assert [m.grade for m in reassessed] == [3] * 6 + [2] * 6
    assert [m.reason for m in expires] == [V] * 9 + [EX] * 3
    assert [m.reason for m in renewed_late] == [V] * 4 + [EX] * 2 + [V] * 6
    assert [m.reason for m in revoked] == [V] * 4 + [RV] * 8
    assert [m.reason for m in died] == [V] * 7 + [DD] * 5
    assert Person.objects.get(pk=persons[4].pk).certificate_status == "deceased"
