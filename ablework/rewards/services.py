"""Writes of over-quota rewards, each in one transaction with its audit record: the application
(by the employer for itself, or recorded by staff for it), the approval or refusal by staff —
never by the staff member who recorded the application (maker-checker) — and the payment. Each
decision names the version the page was opened on: one taken over another's is refused (409)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound, PermissionDenied
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.rewards.access import APPLY, DECIDE, access_application, certified_declarations
from ablework.rewards.audit_actions import RewardAction
from ablework.rewards.models import RewardApplication, RewardStatus
from ablework.rewards.selectors import reward_basis

CENT = Decimal("0.01")


def apply_for_reward(*, actor: User, declaration_id: int) -> RewardApplication:
    """Apply for the reward of a certified declaration with a reward above zero; the amount
    and its basis are the certified ones."""
    with transaction.atomic():
        declaration = (
            certified_declarations(actor, permission=APPLY)
            .select_related("employer")
            .select_for_update(of=("self",))
            .filter(pk=declaration_id)
            .first()
        )
        if declaration is None:
            raise NotFound(_("没有找到该已审核确认的申报。"))
        basis = reward_basis(declaration)
        if basis is None:
            raise Invalid(_("该申报没有超比例奖励：未超过规定比例，或所在地区没有奖励规定。"))
        if RewardApplication.objects.filter(declaration=declaration).exists():
            raise Invalid(_("该年度的超比例奖励已经申请过了。"))
        application = RewardApplication.objects.create(
            declaration=declaration,
            levy_year=declaration.levy_year,
            amount=basis.amount,
            basis=basis.working[:500],
            applied_by=actor,
            applied_at=timezone.now(),
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=RewardAction.APPLY,
            target=application,
            target_label=f"{declaration.employer.name} {declaration.levy_year}",
            changes={
                "amount": [None, format(basis.amount, "f")],
                "status": [None, RewardStatus.APPLIED],
            },
        )
    return application


def _decided(actor: User, application_id: int, version: int) -> RewardApplication:
    """The application awaiting a decision, locked on the version seen; the staff member who
    recorded it may not decide it."""
    application = access_application(actor, application_id, permission=DECIDE)
    advance_version(application, seen=version)
    if application.status != RewardStatus.APPLIED:
        raise Invalid(_("该申请已经审核过了。"))
    if application.applied_by_id == actor.pk:
        raise PermissionDenied(_("申请由您登记，须由另一名工作人员审核。"))
    return application


def approve_reward(*, actor: User, application_id: int, version: int) -> RewardApplication:
    with transaction.atomic():
        application = _decided(actor, application_id, version)
        application.status = RewardStatus.APPROVED
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        _audit(actor, application, RewardAction.APPROVE, RewardStatus.APPLIED)
    return application


def refuse_reward(
    *, actor: User, application_id: int, version: int, reason: str
) -> RewardApplication:
    if not reason.strip():
        raise Invalid(_("请写明不予通过的理由。"), field="reason")
    with transaction.atomic():
        application = _decided(actor, application_id, version)
        application.status = RewardStatus.REFUSED
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.refusal_reason = reason.strip()[:300]
        application.save(
            update_fields=["status", "decided_by", "decided_at", "refusal_reason", "updated_at"]
        )
        _audit(actor, application, RewardAction.REFUSE, RewardStatus.APPLIED)
    return application


@dataclass(frozen=True, kw_only=True)
class Payment:
    paid_on: date
    amount: Decimal
    reference: str = ""


def record_payment(
    *, actor: User, application_id: int, version: int, payment: Payment
) -> RewardApplication:
    """Record that the approved reward was paid: the date, the amount (at most the approved
    one), the payment voucher number."""
    if payment.paid_on > timezone.localdate():
        raise Invalid(_("发放日期不能晚于今天。"), field="paid_on")
    with transaction.atomic():
        application = access_application(actor, application_id, permission=DECIDE)
        advance_version(application, seen=version)
        if application.status != RewardStatus.APPROVED:
            raise Invalid(_("只有审核通过的奖励才能登记发放。"))
        amount = payment.amount.quantize(CENT)
        if amount <= 0 or amount > application.amount:
            raise Invalid(
                _("发放金额应大于 0，且不超过审核通过的 %(amount)s 元。")
                % {"amount": application.amount},
                field="amount",
            )
        application.status = RewardStatus.PAID
        application.paid_on = payment.paid_on
        application.paid_amount = amount
        application.payment_reference = payment.reference.strip()[:64]
        application.paid_recorded_by = actor
        application.save(
            update_fields=[
                "status",
                "paid_on",
                "paid_amount",
                "payment_reference",
                "paid_recorded_by",
                "updated_at",
            ]
        )
        _audit(
            actor,
            application,
            RewardAction.PAY,
            RewardStatus.APPROVED,
            paid_on=payment.paid_on.isoformat(),
            paid_amount=format(amount, "f"),
        )
    return application


def _audit(
    actor: User,
    application: RewardApplication,
    action: RewardAction,
    before: str,
    **changed: str,
) -> None:
    changes: dict[str, list[str | None]] = {"status": [before, application.status]}
    changes.update({name: [None, value] for name, value in changed.items()})
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=action,
        target=application,
        target_label=f"{application.declaration.employer.name} {application.levy_year}",
        changes=changes,
    )


def record_payment_export(*, actor: User, year: int, rows: int, file_format: str) -> None:
    """Log an export of the payment list (employers' names, codes and amounts)."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=RewardAction.EXPORT,
        target_type="rewards.rewardapplication",
        target_label=_("%(year)s年度超比例奖励发放名单") % {"year": year},
        detail={"year": year, "rows": rows, "format": file_format},
    )
