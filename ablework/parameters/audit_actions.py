"""The local parameters' audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.parameters.models import LocalValueStatus
from ablework.parameters.selectors import ParameterDescriptions


class ParametersAction(AuditAction):
    LOCAL_PROPOSE = "parameters.local.propose", pgettext_lazy("audit action", "提出本地参数值")
    LOCAL_APPROVE = "parameters.local.approve", pgettext_lazy("audit action", "审核通过本地参数值")
    LOCAL_REJECT = "parameters.local.reject", pgettext_lazy("audit action", "退回本地参数值")
    LOCAL_SET_AT_SERVER = (
        "parameters.local.set_at_server",
        pgettext_lazy("audit action", "系统管理员在服务器上直接设定本地参数值（未经第二人审核）"),
    )


register_actions(
    ParametersAction,
    title=_("本地参数"),
    models=("parameters.localparametervalue",),
    # `parameter`: the parameter's name, shown by its description.
    change_label=lambda key: str(_("参数")) if key == "parameter" else None,
    change_values={"status": dict(LocalValueStatus.choices), "parameter": ParameterDescriptions()},
    region_fields=("region_code",),
)
