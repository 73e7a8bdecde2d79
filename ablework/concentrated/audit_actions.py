"""The audit actions of concentrated employment (集中就业)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class ConcentratedAction(AuditAction):
    UNIT_REGISTER = (
        "concentrated.unit.register",
        pgettext_lazy("audit action", "登记集中就业单位"),
    )
    UNIT_EDIT = "concentrated.unit.edit", pgettext_lazy("audit action", "修改集中就业单位")
    VAT_RECORD = (
        "concentrated.vat.record",
        pgettext_lazy("audit action", "录入集中就业单位已缴增值税"),
    )
    VAT_IMPORT = (
        "concentrated.vat.import",
        pgettext_lazy("audit action", "导入集中就业单位已缴增值税"),
    )
    LIST_EXPORT = (
        "concentrated.list.export",
        pgettext_lazy("audit action", "导出集中就业退税名单"),
    )


# The actions that advance a unit's version (a stale form is shown what they changed).
VERSION_ACTIONS = (
    ConcentratedAction.UNIT_EDIT,
    ConcentratedAction.VAT_RECORD,
    ConcentratedAction.VAT_IMPORT,
)

_VAT_KEY = re.compile(r"^vat_(\d{4})_(\d{2})$")
_TITLE = gettext_lazy("集中就业")


def _change_label(key: str) -> str | None:
    """`vat_2025_03` → 2025年3月已缴增值税."""
    found = _VAT_KEY.match(key)
    if found is None:
        return None
    return _("%(year)s年%(month)s月已缴增值税") % {
        "year": found[1],
        "month": int(found[2]),
    }


register_actions(
    ConcentratedAction,
    title=_TITLE,
    models=("concentrated.concentratedunit",),
    change_label=_change_label,
)
