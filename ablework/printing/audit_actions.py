"""The printed documents' audit actions and how their changes read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class PrintingAction(AuditAction):
    DOCUMENT_ISSUE = "printing.document.issue", pgettext_lazy("audit action", "出具正式文件")
    DOCUMENT_WITHDRAW = "printing.document.withdraw", pgettext_lazy("audit action", "撤回正式文件")
    DOCUMENT_SUPERSEDE = (
        "printing.document.supersede",
        pgettext_lazy("audit action", "以新文件取代正式文件"),
    )


def change_label(key: str) -> str | None:
    """A withdrawal records the document's status, which is no field of its own."""
    return str(_("状态")) if key == "status" else None


register_actions(
    PrintingAction,
    title=_("正式文件"),
    models=("printing.issueddocument",),
    change_label=change_label,
    change_values={
        "status": {"valid": _("有效"), "withdrawn": _("已撤回"), "superseded": _("已被取代")}
    },
)
