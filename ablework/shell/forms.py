"""Forms of the shell's own pages: the audit trail's filters (actions by their labels, kinds,
dates and regions in scope) and adding a township or community."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.accounts.models import User
from ablework.core.audit_actions import action_groups
from ablework.core.audit_reading import region_names
from ablework.core.forms import DomainForm
from ablework.core.models import AuditKind
from ablework.core.selectors import AuditFilters, audit_regions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ANY = [("", _("全部"))]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=pgettext_lazy("audit", "操作"), required=False)
    actor = forms.CharField(label=_("操作人姓名"), max_length=64, required=False)
    target = forms.CharField(label=_("对象"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[*ANY, *AuditKind.choices])
    region = forms.ChoiceField(label=_("所属区划"), required=False)
    since = forms.DateField(label=_("起始日期"), required=False, widget=DATE_WIDGET)
    until = forms.DateField(label=_("截止日期"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action_field: Any = self.fields["action"]
        action_field.choices = [
            *ANY,
            *(
                (str(group.title), [(action.value, action.label) for action in group.actions])
                for group in action_groups()
            ),
        ]
        region_field: Any = self.fields["region"]
        codes = list(audit_regions(actor).order_by("code").values_list("code", flat=True))
        names = region_names(set(codes))
        region_field.choices = [*ANY, *((code, names[code]) for code in codes)]

    def filters(self) -> AuditFilters:
        """The filters of the valid fields (a field typed wrong narrows nothing)."""
        if not self.is_bound:
            return AuditFilters()
        self.is_valid()
        data = self.cleaned_data
        return AuditFilters(
            action=data.get("action") or "",
            actor=(data.get("actor") or "").strip(),
            target=(data.get("target") or "").strip(),
            kind=data.get("kind") or "",
            since=data.get("since"),
            until=data.get("until"),
            region=data.get("region") or "",
        )


class SubregionForm(DomainForm):
    code = forms.CharField(label=_("代码"), max_length=12)
    name = forms.CharField(label=_("名称"), max_length=64)

    def __init__(self, *args: Any, parent_code: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "r-%s")
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("以 %(code)s 开头，再加 3 位数字。") % {
            "code": parent_code
        }
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
