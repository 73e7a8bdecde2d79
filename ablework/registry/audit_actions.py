"""The registry's audit actions and how their changes read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.registry.models import FlagKind


class RegistryAction(AuditAction):
    PERSON_CREATE = "registry.person.create", pgettext_lazy("audit action", "登记残疾人")
    PERSON_UPDATE = "registry.person.update", pgettext_lazy("audit action", "修改残疾人信息")
    PERSON_VIEW = "registry.person.view", pgettext_lazy("audit action", "查看档案")
    PERSON_REVEAL = "registry.person.reveal", pgettext_lazy("audit action", "显示完整证件号码")
    PERSON_EXPORT = "registry.person.export", pgettext_lazy("audit action", "导出残疾人信息")
    PERSON_LOOKUP = (
        "registry.person.lookup",
        pgettext_lazy("audit action", "查询公民身份号码是否已登记"),
    )
    PERSON_CORRECT_IDENTITY = (
        "registry.person.correct_identity",
        pgettext_lazy("audit action", "更正身份信息"),
    )
    PERSON_FLAG_OPEN = "registry.person.flag.open", pgettext_lazy("audit action", "添加人员标记")
    PERSON_FLAG_END = "registry.person.flag.end", pgettext_lazy("audit action", "结束人员标记")
    PERSON_TRAINING_ADD = (
        "registry.person.training.add",
        pgettext_lazy("audit action", "登记培训记录"),
    )
    PERSON_VERIFY = "registry.person.verify", pgettext_lazy("audit action", "核实信息")
    PERSON_MERGE = "registry.person.merge", pgettext_lazy("audit action", "合并重复记录")
    PERSON_MERGED_INTO = (
        "registry.person.merged_into",
        pgettext_lazy("audit action", "并入另一条记录"),
    )
    PERSON_DUPLICATE_DISMISSED = (
        "registry.person.duplicate_dismissed",
        pgettext_lazy("audit action", "确认不是重复记录"),
    )
    PERSON_IMPORT_CREATE = (
        "registry.person.import_create",
        pgettext_lazy("audit action", "导入登记"),
    )
    PERSON_IMPORT_UPDATE = (
        "registry.person.import_update",
        pgettext_lazy("audit action", "导入更新"),
    )
    PERSON_CERTIFICATE_EVENT = (
        "registry.person.certificate_event",
        pgettext_lazy("audit action", "登记证件变化"),
    )
    PERSON_COMPARISON_ACCEPT = (
        "registry.person.comparison_accept",
        pgettext_lazy("audit action", "采纳部门比对结果"),
    )


# The writes that advance a person's version (core/versioning.py), one audit record each: a
# refused edit form shows these records since the version it was opened with.
VERSIONED_ACTIONS = (
    RegistryAction.PERSON_UPDATE,
    RegistryAction.PERSON_CORRECT_IDENTITY,
    RegistryAction.PERSON_VERIFY,
    RegistryAction.PERSON_MERGE,
    RegistryAction.PERSON_IMPORT_UPDATE,
    RegistryAction.PERSON_COMPARISON_ACCEPT,
    RegistryAction.PERSON_CERTIFICATE_EVENT,
)

FLAG_PREFIX = "flag."
# Change keys that are no model field: a flag (`flag.<kind>`: its start → end) and a training.
OTHER_CHANGES = {"training": _("培训记录"), "certificate_event": _("证件历史")}


def change_label(key: str) -> str | None:
    """The label of a registry change key that is no field of a person or an employment period."""
    if key.startswith(FLAG_PREFIX) and key.removeprefix(FLAG_PREFIX) in FlagKind.values:
        return str(FlagKind(key.removeprefix(FLAG_PREFIX)).label)
    label = OTHER_CHANGES.get(key)
    return str(label) if label is not None else None


register_actions(
    RegistryAction,
    title=_("残疾人登记"),
    models=("registry.person", "registry.employmentperiod"),
    change_label=change_label,
    region_fields=(
        "county_code",
        "township_code",
        "household_region_code",
        "residence_region_code",
    ),
)
