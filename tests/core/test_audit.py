"""The audit trail: old → new for every change, reads logged, append-only, scoped."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.registry.services import PersonChanges, update_person

pytestmark = pytest.mark.django_db


def test_change_records_old_and_new_values_with_sensitive_ones_masked(demo_data):
    person = Person.objects.filter(county_code="370811").first()
    old_phone, old_status = person.phone, person.employment_status
    new_status = "unable" if old_status != "unable" else "unemployed"
    update_person(
        actor=demo_data["rencheng_counsellor"],
        person=person,
        changes=PersonChanges(employment_status=new_status, phone="13800000001"),
    )
    record = AuditRecord.objects.get(action="registry.person.update")
    assert record.actor_label == "rencheng_counsellor"
    assert record.changes["employment_status"] == [old_status, new_status]
    # the phone as the record page masks it, never a different slice
    assert record.changes["phone"] == [old_phone[:3] + "****" + old_phone[-4:], "138****0001"]
    assert "13800000001" not in str(record.changes)


def test_viewing_a_record_is_logged(demo_data):
    person = Person.objects.filter(county_code="370811").first()
    client = Client()
    client.force_login(demo_data["rencheng_counsellor"])
    client.get(f"/persons/{person.pk}/")
    client.get(f"/api/v1/persons/{person.pk}")
    views = AuditRecord.objects.filter(action="registry.person.view", target_id=str(person.pk))
    assert views.count() == 2


def test_audit_records_cannot_be_changed_or_deleted(demo_data):
    record = AuditRecord.objects.first()
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=record.pk).update(action="x")
    # and the database itself refuses an UPDATE that bypasses the ORM
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET action = 'forged' WHERE id = %s", [record.pk])
    assert AuditRecord.objects.get(pk=record.pk).action != "forged"


def test_audit_page_shows_changes_in_the_admins_region_only(demo_data):
    inside = Person.objects.filter(county_code="370811").first()
    outside = Person.objects.filter(county_code="370826").first()
    update_person(
        actor=demo_data["jining_admin"],
        person=inside,
        changes=PersonChanges(employment_status="unable"),
    )
    update_person(
        actor=demo_data["jining_admin"],
        person=outside,
        changes=PersonChanges(employment_status="unable"),
    )
    client = Client()
    client.force_login(demo_data["rencheng_admin"])
    page = client.get("/audit/", {"action": "registry.person.update"}).content.decode()
    assert inside.name in page
    assert outside.resident_id_masked not in page
    city = Client()
    city.force_login(demo_data["jining_admin"])
    city_page = city.get("/audit/", {"action": "registry.person.update"}).content.decode()
    assert inside.resident_id_masked in city_page
    assert outside.resident_id_masked in city_page


def test_counsellor_cannot_open_the_audit_trail(demo_data):
    client = Client()
    client.force_login(demo_data["rencheng_counsellor"])
    assert client.get("/audit/").status_code == 404


def test_sign_in_is_logged(client, demo_data):
    response = client.post(
        "/accounts/login/", {"username": "rencheng_counsellor", "password": "Ablework-demo-2026"}
    )
    assert response.status_code == 302
    assert AuditRecord.objects.filter(
        action="accounts.sign_in", actor_label="rencheng_counsellor"
    ).exists()


def test_status_change_keeps_history(demo_data):
    person = Person.objects.filter(county_code="370811", employment_status="unemployed").first()
    assert person.employment_periods.count() == 1  # the seed opened the first period
    update_person(
        actor=demo_data["rencheng_counsellor"],
        person=person,
        changes=PersonChanges(employment_status="employed", employment_kind="quota"),
    )
    periods = list(person.employment_periods.order_by("started_on", "id"))
    assert [(p.status, p.ended_on is None) for p in periods] == [
        ("unemployed", False),
        ("employed", True),
    ]
