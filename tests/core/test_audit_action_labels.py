"""Audit actions are declared: an undeclared one is refused, and records stored before the
labels existed still read as names."""

from __future__ import annotations

import pytest

from ablework.core.audit import record_audit
from ablework.core.audit_actions import UnknownAuditAction
from ablework.core.audit_reading import readable_records
from ablework.core.models import AuditKind, AuditRecord
from tests.core.audit_reading import visible
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_an_undeclared_action_is_refused(demo_data):
    with pytest.raises(UnknownAuditAction):
        record_audit(actor=None, kind=AuditKind.CHANGE, action="registry.person.updaet")  # type: ignore[arg-type]
    assert not AuditRecord.objects.filter(action="registry.person.updaet").exists()


def test_records_written_before_the_labels_still_read_as_names(demo_data):
    # given records as the trail stored them before: account names for a signed-in user and a
    # consented family member, and an action code no app declares any more
    counsellor, person = demo_data["rencheng_counsellor"], demo_data["person_user"].person
    old = {"actor_id": counsellor.pk, "actor_label": counsellor.username}
    AuditRecord.objects.create(
        **old,
        kind=AuditKind.SIGN_IN,
        action="accounts.sign_in",
        target_type="accounts.user",
        target_label=counsellor.username,
        region_code="370811",
    )
    AuditRecord.objects.create(
        **old,
        kind=AuditKind.CREATE,
        action="accounts.consent.record",
        target_type="registry.person",
        target_id=str(person.pk),
        target_label=str(person),
        region_code="370811",
        changes={"family_member": [None, "family_user"], "valid_until": [None, "2027-01-31"]},
    )
    # when the county administrator reads the audit page
    page = visible(signed_in(demo_data["rencheng_admin"]).get("/audit/").content.decode())
    # then people are named, not their accounts
    sign_in = readable_records([AuditRecord.objects.get(action="accounts.sign_in")])[0]
    assert (sign_in.actor, sign_in.target) == ("任城区就业服务专员", "任城区就业服务专员")
    assert "家属账户：— → 家属代办人" in page
    assert "有效期至：— → 2027-01-31" in page
    assert "rencheng_counsellor" not in page
    assert "family_user" not in page
