"""The levy season's audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class LevyAction(AuditAction):
    ASSESS = "levy.assess", pgettext_lazy("audit action", "残保金征收核定")
    TAX_LIST_EXPORT = "levy.tax_list.export", pgettext_lazy("audit action", "导出税务部门清单")
    TAX_LIST_SENT = "levy.tax_list.sent", pgettext_lazy("audit action", "标记清单已送交税务部门")
    COLLECTED_IMPORT = "levy.collected.import", pgettext_lazy("audit action", "导入残保金实缴金额")


register_actions(
    LevyAction,
    title=_("残保金征收"),
    models=("levy.assessmentrun", "levy.taxlistexport", "levy.collectedpayment"),
    region_fields=("region_code",),
)
