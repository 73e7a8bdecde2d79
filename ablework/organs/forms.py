"""The organs' page forms: a work plan and a progress entry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.organs.services.plans import PlanDetails, ProgressEntry

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(DomainForm):
    """A form on a versioned record: the version the page was opened on travels with it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class PlanForm(VersionedForm):
    posts_to_reserve = forms.IntegerField(label=_("预留岗位数"), min_value=1, max_value=999)
    posts_description = forms.CharField(
        label=_("预留岗位"),
        max_length=200,
        required=False,
        help_text=_("例如：办公室文员、档案管理员。"),
    )
    recruitment_on = forms.DateField(label=_("计划招录（聘）日期"), widget=DATE_WIDGET)
    responsible_name = forms.CharField(label=_("责任人"), max_length=64)
    responsible_role = forms.CharField(
        label=_("责任人职务"), max_length=64, help_text=_("例如：办公室主任。")
    )

    def details(self) -> PlanDetails:
        data = self.cleaned_data
        return PlanDetails(
            posts_to_reserve=data["posts_to_reserve"],
            posts_description=data.get("posts_description") or "",
            recruitment_on=data["recruitment_on"],
            responsible_name=data["responsible_name"],
            responsible_role=data["responsible_role"],
        )


class ProgressForm(VersionedForm):
    recorded_on = forms.DateField(label=_("日期"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("进展情况"), max_length=500, widget=forms.Textarea)
    placed = forms.IntegerField(label=_("本次新安排人数"), min_value=0, max_value=999, initial=0)

    def entry(self) -> ProgressEntry:
        data = self.cleaned_data
        return ProgressEntry(
            recorded_on=data["recorded_on"], note=data["note"], placed=data.get("placed") or 0
        )
