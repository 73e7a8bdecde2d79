"""Accounts in the shell: consent records for staff, the access log for a person, and the
accounts administrators manage (password resets)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission, Role
from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section

SECTION = Section(
    nav=[NavEntry(_("账户管理"), "accounts:account_list", Permission.ACCOUNTS_MANAGE, order=85)],
    cards=[
        Card(
            key="consents",
            title=_("代办授权"),
            description=_("登记或撤销家属经本人同意代办事项的授权。"),
            permission=Permission.PERSONS_EDIT,
            order=60,
            links=lambda viewer: [Link(_("代办授权"), reverse("accounts:consents"))],
        ),
        Card(
            key="access-log",
            title=_("谁查看了我的信息"),
            description=_("每一次查看、修改或导出您的信息都有记录。"),
            order=60,
            applies=lambda viewer: viewer.role == Role.PERSON,
            links=lambda viewer: [Link(_("谁查看了我的信息"), reverse("accounts:my_access_log"))],
        ),
    ],
    reachable=[Reachable("accounts:account_list", Permission.ACCOUNTS_MANAGE)],
)
