"""The employers' audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class EmployersAction(AuditAction):
    EMPLOYER_CREATE = "employers.employer.create", pgettext_lazy("audit action", "登记用人单位")
    EMPLOYER_UPDATE = "employers.employer.update", pgettext_lazy("audit action", "修改用人单位信息")
    EMPLOYER_EXPORT = "employers.employer.export", pgettext_lazy("audit action", "导出用人单位信息")
    CONTACT_ADD = "employers.contact.add", pgettext_lazy("audit action", "添加用人单位联系人")
    CONTACT_UPDATE = (
        "employers.contact.update",
        pgettext_lazy("audit action", "修改用人单位联系人"),
    )
    CONTACT_REMOVE = (
        "employers.contact.remove",
        pgettext_lazy("audit action", "删除用人单位联系人"),
    )
    ACCOUNT_REQUEST_SUBMIT = (
        "employers.account_request.submit",
        pgettext_lazy("audit action", "用人单位申请账户"),
    )
    ACCOUNT_REQUEST_CONFIRM = (
        "employers.account_request.confirm",
        pgettext_lazy("audit action", "确认用人单位账户申请"),
    )
    ACCOUNT_REQUEST_REFUSE = (
        "employers.account_request.refuse",
        pgettext_lazy("audit action", "拒绝用人单位账户申请"),
    )


register_actions(
    EmployersAction,
    title=_("用人单位"),
    models=("employers.employer", "employers.employercontact", "employers.employeraccountrequest"),
    region_fields=("county_code", "township_code"),
)
