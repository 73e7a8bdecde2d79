"""The accounts' audit actions: signing in, accounts, consents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class AccountsAction(AuditAction):
    SIGN_IN = "accounts.sign_in", pgettext_lazy("audit action", "登录")
    SIGN_IN_FAILED = "accounts.sign_in.failed", pgettext_lazy("audit action", "登录失败")
    PASSWORD_CHANGE = "accounts.password.change", pgettext_lazy("audit action", "修改本人密码")
    PASSWORD_RESET = "accounts.password.reset", pgettext_lazy("audit action", "重置用户密码")
    USER_CREATE = "accounts.user.create", pgettext_lazy("audit action", "创建账户")
    CONSENT_RECORD = "accounts.consent.record", pgettext_lazy("audit action", "登记代办授权")
    CONSENT_REVOKE = "accounts.consent.revoke", pgettext_lazy("audit action", "撤销代办授权")


register_actions(
    AccountsAction,
    title=_("账户与授权"),
    models=("accounts.user", "accounts.proxyconsent"),
)
