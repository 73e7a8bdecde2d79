"""Several contacts per employer: kept by staff of its area and by its own users, one of them
primary, phones encrypted and shown masked, cleared only when asked, two people editing one
contact never overwriting each other; the import's contact columns fill the primary contact;
the data migration moved each employer's one contact into a primary contact."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ablework.core.crypto import lookup_hash
from ablework.core.models import AuditRecord
from ablework.employers.models import EmployerContact
from ablework.exchange.models import ImportBatch
from tests.accounts.factories import AuditorFactory, CounsellorFactory, EmployerUserFactory
from tests.employers.factories import EmployerContactFactory, EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _contacts(employer_id: int) -> str:
    return f"/employers/{employer_id}/contacts"


def test_an_employer_user_adds_contacts_shown_masked_with_one_primary() -> None:
    user = EmployerUserFactory()
    employer = user.employer
    client = signed_in(user)
    # when its own user adds the HR clerk, then the accountant marked primary
    first = {"name": "张经办", "post": "人事经办人", "phone": "13700001111"}
    assert client.post(f"{_contacts(employer.pk)}/new/", first).status_code == 302
    second = {"name": "李会计", "post": "财务负责人", "phone": "0537-2345678", "primary": "on"}
    second["email"] = "li@example.com"
    assert client.post(f"{_contacts(employer.pk)}/new/", second).status_code == 302
    # then the page lists both, the phones masked only, the accountant as primary
    page = client.get(f"/employers/{employer.pk}/").content.decode()
    assert "张经办" in page
    assert "人事经办人" in page
    assert "李会计" in page
    assert "137****1111" in page
    assert "13700001111" not in page
    assert "2345678" not in page
    table = page[page.index('id="contacts-heading"') :]
    assert table.index("李会计") < table.index("张经办")  # the primary one first
    primary = EmployerContact.objects.get(primary=True)
    assert (primary.name, primary.email) == ("李会计", "li@example.com")
    # the phone is stored encrypted, with its lookup hash for exact search
    clerk = EmployerContact.objects.get(name="张经办")
    assert clerk.phone_hash == lookup_hash("13700001111")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM employers_employercontact WHERE id = %s", [clerk.pk])
        assert "13700001111" not in str(cursor.fetchone()[0])
    # and each addition is audited with the phone masked
    added = AuditRecord.objects.filter(action="employers.contact.add")
    assert added.count() == 2
    assert "13700001111" not in str(list(added.values_list("changes", flat=True)))


def test_an_empty_phone_box_keeps_the_phone_and_the_clear_box_removes_it() -> None:
    contact = EmployerContactFactory(phone="13900003333")
    client = signed_in(CounsellorFactory())
    url = f"{_contacts(contact.employer_id)}/{contact.pk}/edit/"
    form = client.get(url).content.decode()
    assert "13900003333" not in form
    assert "139****3333" in form
    assert "清除已保存的电话" in form
    # an empty box keeps the stored phone
    base = {"name": "张经办", "post": "人事经办人", "phone": "", "version": "1"}
    assert client.post(url, base).status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "13900003333"
    # a new phone and the clear box at once is refused on the phone's field
    both = client.post(url, {**base, "phone": "13900004444", "clear_phone": "on", "version": "2"})
    assert "请只选一样" in " ".join(both.context["form"].errors["phone"])
    # the clear box removes it, and the audit says so, masked
    assert client.post(url, {**base, "clear_phone": "on", "version": "2"}).status_code == 302
    contact.refresh_from_db()
    assert (contact.phone, contact.phone_masked, contact.phone_hash) == ("", "", "")
    cleared = AuditRecord.objects.filter(action="employers.contact.update").latest("pk")
    assert cleared.changes == {"phone": ["139****3333", ""]}


def test_a_wrong_phone_is_shown_on_its_field() -> None:
    employer = EmployerFactory()
    client = signed_in(CounsellorFactory())
    response = client.post(f"{_contacts(employer.pk)}/new/", {"name": "王", "phone": "12345"})
    assert response.status_code == 200
    assert "格式不对" in " ".join(response.context["form"].errors["phone"])
    assert not EmployerContact.objects.exists()


def test_two_people_saving_one_contact_the_second_is_shown_what_changed_and_nothing_is_lost():
    contact = EmployerContactFactory(name="张经办", post="人事经办人")
    url = f"{_contacts(contact.employer_id)}/{contact.pk}/edit/"
    staff, hr = (
        signed_in(CounsellorFactory()),
        signed_in(EmployerUserFactory(employer=contact.employer)),
    )
    # both open the form at version 1; the staff member saves a new post first
    assert (
        staff.post(url, {"name": "张经办", "post": "人事主管", "version": "1"}).status_code == 302
    )
    # the employer's user then saves from the older form
    late = hr.post(url, {"name": "张小经办", "post": "人事经办人", "version": "1"})
    # and is refused with what the other saved; the first save stands
    assert late.status_code == 409
    assert "人事主管" in late.content.decode()
    contact.refresh_from_db()
    assert (contact.name, contact.post) == ("张经办", "人事主管")


def test_removing_the_primary_contact_makes_the_oldest_other_one_primary() -> None:
    primary = EmployerContactFactory(name="张经办")
    older = EmployerContactFactory(employer=primary.employer, name="李会计", primary=False)
    EmployerContactFactory(employer=primary.employer, name="王出纳", primary=False)
    client = signed_in(CounsellorFactory())
    url = f"{_contacts(primary.employer_id)}/{primary.pk}/remove/"
    assert "主要联系人" in client.get(url).content.decode()
    # a stale removal (the contact changed since) is refused and removes nothing
    EmployerContact.objects.filter(pk=primary.pk).update(version=2)
    assert client.post(url, {"version": "1"}).status_code == 409
    assert EmployerContact.objects.filter(pk=primary.pk).exists()
    assert client.post(url, {"version": "2"}).status_code == 302
    assert not EmployerContact.objects.filter(pk=primary.pk).exists()
    assert EmployerContact.objects.get(primary=True) == older
    removed = AuditRecord.objects.get(action="employers.contact.remove")
    assert removed.changes["name"] == ["张经办", None]
    assert "13700001111" not in str(removed.changes)


def test_nobody_keeps_another_employers_contacts_and_auditors_keep_none() -> None:
    contact = EmployerContactFactory()
    stranger = signed_in(EmployerUserFactory())
    pages = (
        f"{_contacts(contact.employer_id)}/new/",
        f"{_contacts(contact.employer_id)}/{contact.pk}/edit/",
        f"{_contacts(contact.employer_id)}/{contact.pk}/remove/",
    )
    for url in pages:
        assert stranger.get(url).status_code == 404
    assert stranger.post(pages[2], {"version": "1"}).status_code == 404
    # another employer's contact under one's own employer's address is not found either
    own = EmployerUserFactory()
    edit_other = f"{_contacts(own.employer_id)}/{contact.pk}/edit/"
    assert signed_in(own).get(edit_other).status_code == 404
    # an auditor sees the contacts, masked, but no way to change them
    auditor = signed_in(AuditorFactory())
    page = auditor.get(f"/employers/{contact.employer_id}/").content.decode()
    assert "137****1111" in page
    assert "添加联系人" not in page
    assert auditor.get(pages[0]).status_code == 404
    assert EmployerContact.objects.get() == contact


def test_the_import_fills_the_primary_contact_and_a_blank_cell_keeps_it(demo_data) -> None:
    employer = EmployerFactory()
    client = signed_in(demo_data["rencheng_admin"])
    header = "单位名称,统一社会信用代码,单位类型,所属县级区划,联系人,联系电话\n"

    def upload(row: str) -> None:
        text = header + row
        upload = SimpleUploadedFile("employers.csv", text.encode("utf-8-sig"), "text/csv")
        client.post("/imports/new/employers/", {"file": upload})
        batch = ImportBatch.objects.latest("pk")
        client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"})

    # a first import names a contact: it becomes the primary contact
    upload(f"{employer.name},{employer.uscc},企业,370811,赵经办,13700005555\n")
    contact = employer.contacts.get()
    assert (contact.name, contact.phone, contact.primary) == ("赵经办", "13700005555", True)
    # a second with a new phone and a blank name changes the phone only, audited with its row
    upload(f"{employer.name},{employer.uscc},企业,370811,,13700006666\n")
    contact.refresh_from_db()
    assert (contact.name, contact.phone, contact.version) == ("赵经办", "13700006666", 2)
    changed = AuditRecord.objects.filter(action="employers.contact.update").latest("pk")
    assert changed.changes == {"phone": ["137****5555", "137****6666"]}
    assert changed.detail["row"] == 2
    # a third without contact columns keeps the contact
    upload(f"{employer.name},{employer.uscc},企业,370811,,\n")
    assert employer.contacts.get().phone == "13700006666"


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_employers_contact_into_its_primary_contact() -> None:
    before, after = (
        [("employers", "0005_employer_account_request")],
        [("employers", "0006_employer_contacts")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Employer = old.get_model("employers", "Employer")
    kept = Employer.objects.create(
        name="有联系人的公司",
        uscc="91370811MA3C5E1X2K",
        kind="enterprise",
        county_code="370811",
        contact_name="钱经办",
        contact_phone="13700007777",
        contact_phone_masked="137****7777",
    )
    Employer.objects.create(
        name="没有联系人的公司", uscc="91370811MA3C5E1X3K", kind="enterprise", county_code="370811"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    (moved,) = EmployerContact.objects.all()
    assert (moved.employer_id, moved.name, moved.phone, moved.primary) == (
        kept.pk,
        "钱经办",
        "13700007777",
        True,
    )
    assert (moved.phone_masked, moved.phone_hash) == ("137****7777", lookup_hash("13700007777"))
