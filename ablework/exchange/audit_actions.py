"""The data exchange's audit actions: import batches and department comparisons."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class ExchangeAction(AuditAction):
    IMPORT_COMMIT = "exchange.import.commit", pgettext_lazy("audit action", "导入文件")
    IMPORT_DISCARD = "exchange.import.discard", pgettext_lazy("audit action", "放弃导入批次")
    IMPORT_PURGE = (
        "exchange.import.purge",
        pgettext_lazy("audit action", "按保存期限删除导入内容"),
    )
    IMPORT_REJECTED_ROWS = (
        "exchange.import.rejected_rows",
        pgettext_lazy("audit action", "下载未通过的行"),
    )
    COMPARISON_REJECT = (
        "exchange.comparison.reject",
        pgettext_lazy("audit action", "不采纳部门比对结果"),
    )


register_actions(ExchangeAction, title=_("数据交换"), models=("exchange.importbatch",))
