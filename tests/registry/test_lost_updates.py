"""Two staff editing one person: the second save, made on the version the first one changed,
is refused with what the first changed, their typed input kept, and no audit record for a
change that never reached the data (optimistic locking, core/versioning.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord
from ablework.demo.synthetic import resident_id_with_check
from ablework.registry.models import Person
from ablework.registry.services import (
    PersonChanges,
    correct_identity,
    mark_verified,
    merge_persons,
    update_person,
)
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_person) -> Person:
    return make_person(name="并发人员", skills="缝纫")


def _updates_of(person: Person) -> list[dict]:
    return list(
        AuditRecord.objects.filter(
            action="registry.person.update", target_id=str(person.pk)
        ).values_list("changes", flat=True)
    )


def test_the_second_of_two_saves_from_one_version_is_refused_and_not_audited(demo_data, person):
    # given two staff who opened the same record
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    # when both save a change
    update_person(actor=admin, person=first, changes=PersonChanges(skills="电脑维修"))
    with pytest.raises(StaleRecord) as refused:
        update_person(actor=counsellor, person=second, changes=PersonChanges(skills="手工编织"))
    # then the first change stays, the second is refused with a 409, and only the first is audited
    person.refresh_from_db()
    assert person.skills == "电脑维修"
    assert person.version == 2
    assert refused.value.http_status == 409
    assert (refused.value.seen, refused.value.current) == (1, 2)
    assert _updates_of(person) == [{"skills": ["缝纫", "电脑维修"]}]


def test_a_form_version_older_than_the_record_is_refused(demo_data, person):
    # given a form opened on version 1, and a change saved since
    admin = demo_data["rencheng_admin"]
    update_person(
        actor=admin,
        person=Person.objects.get(pk=person.pk),
        changes=PersonChanges(skills="电脑维修"),
    )
    # when the form is saved with the version it was opened with, on a freshly loaded record
    with pytest.raises(StaleRecord):
        update_person(
            actor=admin,
            person=Person.objects.get(pk=person.pk),
            seen_version=1,
            changes=PersonChanges(skills="编织"),
        )
    # then nothing of it is written
    person.refresh_from_db()
    assert person.skills == "电脑维修"
    assert len(_updates_of(person)) == 1


@pytest.mark.parametrize("writer", ["verify", "merge", "correct_identity"])
def test_every_write_to_a_person_moves_the_version_on(demo_data, make_person, person, writer):
    # given an edit form opened on the record
    admin = demo_data["rencheng_admin"]
    opened = person.version
    # when another write changes the record
    if writer == "verify":
        chosen = Person.objects.filter(pk=person.pk)
        mark_verified(actor=admin, persons=chosen, on=timezone.localdate())
    elif writer == "merge":
        twin = make_person(name=person.name, birth_date=person.birth_date)
        merge_persons(actor=admin, kept=person, merged=twin)
    else:
        number = person.resident_id[:-4] + "0000"
        correct_identity(
            actor=admin,
            person=Person.objects.get(pk=person.pk),
            resident_id=_valid(number),
            certificate_number=_valid(number) + "42",
            retirement_base_age=None,
            reason="核对身份证原件，原录入有误",
        )
    # then the form's save is refused
    with pytest.raises(StaleRecord):
        update_person(
            actor=admin,
            person=Person.objects.get(pk=person.pk),
            seen_version=opened,
            changes=PersonChanges(skills="x"),
        )


def _valid(number: str) -> str:
    return resident_id_with_check(number[:17])


def test_a_stale_edit_form_shows_the_other_change_and_keeps_what_was_typed(demo_data, person):
    # given a counsellor who opened the edit form
    client = signed_in(demo_data["rencheng_counsellor"])
    url = f"/persons/{person.pk}/edit/"
    assert 'name="version" value="1"' in client.get(url).content.decode()
    # and a colleague who saved a change meanwhile
    admin = demo_data["rencheng_admin"]
    update_person(
        actor=admin,
        person=Person.objects.get(pk=person.pk),
        changes=PersonChanges(skills="电脑维修"),
    )
    # when the counsellor saves the form opened before
    form = {
        "name": person.name,
        "certificate_status": "valid",
        "county_code": person.county_code,
        "employment_status": person.employment_status,
        "skills": "手工编织",
        "version": "1",
    }
    response = client.post(url, form)
    # then it is refused, says what the colleague changed, in words, and keeps the typed value
    assert response.status_code == 409
    html = response.content.decode()
    assert "此记录已被他人修改" in html
    assert "技能特长：缝纫 → 电脑维修" in html
    assert 'value="手工编织"' in html
    person.refresh_from_db()
    assert person.skills == "电脑维修"
    assert _updates_of(person) == [{"skills": ["缝纫", "电脑维修"]}]
    # and saving again, having checked (the form now carries the current version), is written
    assert 'name="version" value="2"' in html
    assert client.post(url, {**form, "version": "2"}).status_code == 302
    person.refresh_from_db()
    assert person.skills == "手工编织"
