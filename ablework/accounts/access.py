"""Which accounts an administrator may manage: those in their area (404 otherwise)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound


def manageable_accounts(actor: User) -> QuerySet[User]:
    """Accounts bound to the administrator's region, its organisations or its persons; the system
    administrator manages every account, federation administrators never a system administrator."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    scope = scope_of(actor)
    accounts = User.objects.select_related("region", "employer", "person")
    if scope.everywhere:
        return accounts
    prefix = scope.region_prefix
    if prefix is None:
        return accounts.none()
    return accounts.exclude(role=Role.SYSTEM_ADMIN).filter(
        Q(region__code__startswith=prefix)
        | Q(employer__county_code__startswith=prefix)
        | Q(person__county_code__startswith=prefix)
    )


def access_account(actor: User, account_id: int) -> User:
    """The account, if the administrator may manage it; NotFound if absent or not theirs."""
    account = manageable_accounts(actor).filter(pk=account_id).first()
    if account is None:
        raise NotFound("没有找到该账户。")
    return account
