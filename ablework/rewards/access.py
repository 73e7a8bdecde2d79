"""Access to over-quota rewards: an employer user sees its own employer's declarations and
applications only, staff those of their region (accounts/scope.py); staff who review quota
declarations (`quota.review`) approve and record payments. "Absent" and "not yours" get 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.rewards.models import RewardApplication

# Applying (an employer for itself, staff for the employers of their region) and reading.
APPLY = Permission.QUOTA_DECLARE
# Approving, refusing, recording payment, the lists and the export: the federation's staff.
DECIDE = Permission.QUOTA_REVIEW

_NOT_FOUND = _("没有找到该超比例奖励申请。")


def certified_declarations(actor: User, *, permission: Permission) -> QuerySet[Declaration]:
    """The certified declarations the actor may see with `permission`."""
    return visible(actor, Declaration, permission=permission).filter(
        status=DeclarationStatus.CERTIFIED
    )


def applications_visible_to(
    actor: User, *, permission: Permission = APPLY
) -> QuerySet[RewardApplication]:
    rows = RewardApplication.objects.select_related("declaration__employer")
    return visible(actor, rows, permission=permission)


def access_application(
    actor: User, application_id: int, *, permission: Permission = APPLY
) -> RewardApplication:
    return access_one(
        actor,
        RewardApplication.objects.select_related("declaration__employer"),
        application_id,
        permission=permission,
        not_found_message=str(_NOT_FOUND),
    )
