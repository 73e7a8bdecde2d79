"""Consent for family members to act for a person, recorded and revoked by staff."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import access_one
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.registry.access import access_person


def record_consent(
    *,
    actor: User,
    person_id: int,
    family_username: str,
    relationship: str,
    evidence: str,
    valid_until: date | None,
) -> ProxyConsent:
    """Record that a person consents to a family member acting for them (个人信息保护法 Art. 14)."""
    person = access_person(actor, person_id, permission=Permission.PERSONS_EDIT)
    family = User.objects.filter(username=family_username.strip(), role=Role.FAMILY).first()
    if family is None:
        raise NotFound("没有找到该家属账户。", field="family_username")
    if not relationship.strip() or not evidence.strip():
        raise Invalid("请填写与本人的关系和授权依据。", field="evidence")
    if valid_until is not None and valid_until < timezone.localdate():
        raise Invalid("有效期不能早于今天。", field="valid_until")
    with transaction.atomic():
        consent = ProxyConsent.objects.create(
            family_member=family,
            person=person,
            relationship=relationship.strip()[:32],
            evidence=evidence.strip()[:200],
            recorded_by=actor,
            valid_until=valid_until,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=AccountsAction.CONSENT_RECORD,
            target=person,
            changes={
                "family_member": [None, family.pk],
                "valid_until": [None, valid_until.isoformat() if valid_until else None],
            },
        )
    return consent


def revoke_consent(*, actor: User, consent_id: int) -> ProxyConsent:
    """End a consent from now on; the record stays."""
    consent = access_one(
        actor,
        ProxyConsent.objects.filter(revoked_at__isnull=True).select_related("person"),
        consent_id,
        permission=Permission.PERSONS_EDIT,
        not_found_message=_("没有找到该授权。"),
    )
    person = consent.person
    with transaction.atomic():
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=AccountsAction.CONSENT_REVOKE,
            target=person,
            changes={"revoked_at": [None, consent.revoked_at.isoformat()]},
        )
    return consent
