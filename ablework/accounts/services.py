"""Consent for family members to act for a person; failed sign-ins; passwords."""

from __future__ import annotations

import secrets
from datetime import date

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.access import access_account
from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import access_one
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.masking import mask_name
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


def record_failed_sign_in(*, username: str, address: str, locked_out: bool) -> None:
    """Audit one refused sign-in: the account it named (or the name, masked), the address."""
    account = User.objects.filter(username=username).first() if username else None
    if account is not None:
        target: dict[str, object] = {"target": account, "county_code": _county_of(account)}
    else:
        # What was typed may be a password typed in the wrong box: never store it whole.
        masked = mask_name(username[:64])
        target = {"target_type": "accounts.user", "target_label": masked}
    record_audit(
        actor=None,
        kind=AuditKind.SIGN_IN,
        action=AccountsAction.SIGN_IN_FAILED,
        detail={"address": address, "locked_out": locked_out},
        **target,  # type: ignore[arg-type]
    )


def change_own_password(*, actor: User, new_password: str) -> User:
    """Set the signed-in user's new password (already checked against the validators)."""
    return _set_password(
        actor=actor,
        account=actor,
        password=new_password,
        must_change=False,
        action=AccountsAction.PASSWORD_CHANGE,
    )


def reset_password(*, actor: User, account_id: int) -> tuple[User, str]:
    """Give an account in the administrator's area a temporary password, to be changed at the
    next sign-in; lifts a sign-in lockout of that account. Returns the temporary password."""
    account = access_account(actor, account_id)
    temporary = "-".join(
        "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4)
    )
    _set_password(
        actor=actor,
        account=account,
        password=temporary,
        must_change=True,
        action=AccountsAction.PASSWORD_RESET,
    )
    axes_reset(username=account.get_username())
    return account, temporary


def _set_password(
    *, actor: User, account: User, password: str, must_change: bool, action: AccountsAction
) -> User:
    """One transaction: the new password, the must-change flag, and the audit record (which
    holds the flag's change, never the password)."""
    with transaction.atomic():
        was_forced = account.must_change_password
        account.set_password(password)
        account.must_change_password = must_change
        account.save(update_fields=["password", "must_change_password"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=action,
            target=account,
            county_code=_county_of(account),
            changes={"must_change_password": [was_forced, must_change]}
            if was_forced != must_change
            else None,
        )
    return account


# No 0/O, 1/l/I: the temporary password is read out or copied by hand.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _county_of(account: User) -> str:
    """The region code an account's audit records are filed under, for the audit page's scope."""
    if account.region_id:
        return str(account.region_id)[:6]
    if account.employer is not None:
        return str(account.employer.county_code)
    if account.person is not None:
        return str(account.person.county_code)
    return ""
