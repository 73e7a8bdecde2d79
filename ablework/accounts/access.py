"""Which accounts an administrator may manage: those in their area (404 otherwise)."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound


def manageable_accounts(actor: User) -> QuerySet[User]:
    """Accounts bound to the administrator's region, its organisations or its persons; the system
    administrator manages every account, federation administrators never a system administrator."""
    require_permission(actor, Permission.ACCOUNTS_MANAGE)
    accounts = User.objects.select_related("region", "employer", "person")
    scope = scope_of(actor)
    if scope.everywhere:
        return accounts
    return scope.apply(accounts.exclude(role=Role.SYSTEM_ADMIN))


def access_account(actor: User, account_id: int) -> User:
    """The account, if the administrator may manage it; NotFound if absent or not theirs."""
    account = manageable_accounts(actor).filter(pk=account_id).first()
    if account is None:
        raise NotFound("没有找到该账户。")
    return account
