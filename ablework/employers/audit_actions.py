"""The employers' audit actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class EmployersAction(AuditAction):
    EMPLOYER_EXPORT = "employers.employer.export", pgettext_lazy("audit action", "导出用人单位信息")


register_actions(EmployersAction, title=_("用人单位"), models=("employers.employer",))
