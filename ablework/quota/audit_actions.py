"""The quota declarations' audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class QuotaAction(AuditAction):
    # A check reads the registry for every certificate of the roster (does it exist, whose
    # name, birth date, status): recorded as a view, though it changes nothing.
    DECLARATION_CHECK = (
        "quota.declaration.check",
        pgettext_lazy("audit action", "检查按比例就业申报"),
    )
    DECLARATION_VIEW = (
        "quota.declaration.view",
        pgettext_lazy("audit action", "查看按比例就业申报"),
    )
    DECLARATION_OPEN = (
        "quota.declaration.open",
        pgettext_lazy("audit action", "填写按比例就业申报"),
    )
    DECLARATION_SAVE = (
        "quota.declaration.save",
        pgettext_lazy("audit action", "保存按比例就业申报草稿"),
    )
    DECLARATION_SUBMIT = (
        "quota.declaration.submit",
        pgettext_lazy("audit action", "提交按比例就业申报"),
    )

    DECLARATION_RETURN = (
        "quota.declaration.return",
        pgettext_lazy("audit action", "退回按比例就业申报"),
    )
    DECLARATION_RESUBMIT = (
        "quota.declaration.resubmit",
        pgettext_lazy("audit action", "重新提交按比例就业申报"),
    )
    DECLARATION_CERTIFY = (
        "quota.declaration.certify",
        pgettext_lazy("audit action", "审核确认按比例就业申报"),
    )
    DECLARATION_REJECT = (
        "quota.declaration.reject",
        pgettext_lazy("audit action", "不予通过按比例就业申报"),
    )
    # The review's risk (issue 11): scores computed, the risk-drawn sample, its proofs.
    RISK_SCORE = (
        "quota.risk.score",
        pgettext_lazy("audit action", "计算申报风险分"),
    )
    SAMPLE_DRAW = (
        "quota.sample.draw",
        pgettext_lazy("audit action", "按风险抽取申报核查"),
    )
    DEEP_CHECK_OUTCOME = (
        "quota.sample.outcome",
        pgettext_lazy("audit action", "记录申报核查结论"),
    )
    PROOF_UPLOAD = (
        "quota.proof.upload",
        pgettext_lazy("audit action", "上传核查材料"),
    )
    PROOF_VIEW = (
        "quota.proof.view",
        pgettext_lazy("audit action", "查看核查材料"),
    )
    BULK_CERTIFY = (
        "quota.declaration.bulk_certify",
        pgettext_lazy("audit action", "批量审核确认低风险申报"),
    )
    DECLARATION_CORRECT = (
        "quota.declaration.correct",
        pgettext_lazy("audit action", "更正已审核确认的按比例就业申报"),
    )
    CREDIT_RECORD = (
        "quota.credit.record",
        pgettext_lazy("audit action", "记入用人单位信用记录"),
    )
    CREDIT_PROPOSE = (
        "quota.credit.propose",
        pgettext_lazy("audit action", "提出用人单位信用记录"),
    )
    CREDIT_DECIDE = (
        "quota.credit.decide",
        pgettext_lazy("audit action", "确认或不予记入用人单位信用记录"),
    )
    CREDIT_EXPORT = (
        "quota.credit.export",
        pgettext_lazy("audit action", "导出用人单位信用记录"),
    )
    REMINDERS_SEND = (
        "quota.reminders.send",
        pgettext_lazy("audit action", "发送按比例就业申报催报提醒"),
    )


# Keys of a draft's save that are no model field.
_CHANGE_LABELS = {
    "headcount": _("在职职工年平均人数"),
    "roster_lines": _("残疾职工名单行数"),
    "levy_due": _("应缴残疾人就业保障金"),
}

register_actions(
    QuotaAction,
    title=_("按比例就业年审"),
    models=(
        "quota.declaration",
        "quota.riskassessment",
        "quota.deepcheck",
        "quota.proof",
        "quota.creditentry",
    ),
    change_label=lambda key: str(_CHANGE_LABELS[key]) if key in _CHANGE_LABELS else None,
)
