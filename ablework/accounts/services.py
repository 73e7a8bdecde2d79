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
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.masking import mask_name
from ablework.core.models import AuditKind
from ablework.core.versioning import StaleRecord, advance_version
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


def revoke_consent(
    *, actor: User, consent_id: int, seen_version: int | None = None
) -> ProxyConsent:
    """End a consent from now on; the record stays. Staff of the person's area revoke it, and
    so does the person who granted it (on their own "谁查看了我的信息" page). `seen_version` is
    the version the page showed: when the consent was revoked or changed since (two people
    revoking at once), Conflict tells the second what happened and nothing is written."""
    # The person granted the consent, so they may end their own grant without staff.
    permission = None if actor.role == Role.PERSON else Permission.PERSONS_EDIT
    consent = access_one(
        actor,
        ProxyConsent.objects.select_related("person", "family_member"),
        consent_id,
        permission=permission,
        not_found_message=_("没有找到该授权。"),
    )
    if consent.revoked_at is not None:
        raise _already_revoked(consent)
    person = consent.person
    with transaction.atomic():
        try:
            advance_version(consent, seen=seen_version)
        except StaleRecord:
            consent.refresh_from_db()
            raise _already_revoked(consent) from None
        consent.revoked_at = timezone.now()
        consent.revoked_by = actor
        consent.save(update_fields=["revoked_at", "revoked_by"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=AccountsAction.CONSENT_REVOKE,
            target=person,
            changes={
                "family_member": [consent.family_member_id, None],
                "revoked_at": [None, consent.revoked_at.isoformat()],
            },
        )
    return consent


def _already_revoked(consent: ProxyConsent) -> Conflict:
    """What the second of two people revoking one consent is told."""
    if consent.revoked_at is None:
        return Conflict(_("这项代办授权已被他人修改，请刷新页面，查看最新情况后再操作。"))
    return Conflict(
        _("这项代办授权已于 %(when)s 由%(who)s撤销，无需再次撤销。")
        % {
            "when": timezone.localtime(consent.revoked_at).strftime("%Y-%m-%d %H:%M"),
            "who": consent.revoked_by or _("他人"),
        }
    )


def record_failed_sign_in(*, username: str, address: str, locked_out: bool) -> None:
    """Audit one refused sign-in: the account it named (or the name, masked), the address."""
    account = User.objects.filter(username=username).first() if username else None
    if account is not None:
        target: dict[str, object] = {"target": account, "region_code": _county_of(account)}
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
    temporary = temporary_password()
    _set_password(
        actor=actor,
        account=account,
        password=temporary,
        must_change=True,
        action=AccountsAction.PASSWORD_RESET,
    )
    axes_reset(username=account.get_username())
    return account, temporary


def temporary_password() -> str:
    """A one-time password to read out or copy by hand (`abcd-efgh-…`, 16 letters and digits),
    shown once; its holder must set their own at the first sign-in."""
    return "-".join(
        "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(4)
    )


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
            region_code=_county_of(account),
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
