"""The forms of the graduates' ledger: an opportunity offered, a month's status."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.support.models import EmployedHow, GraduateStatus, OfferKind, OfferOutcome

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfferForm(DomainForm):
    offered_on = forms.DateField(label=_("提供日期"), widget=DAY)
    kind = forms.ChoiceField(label=_("机会类型"), choices=OfferKind.choices)
    employer = forms.CharField(
        label=_("单位或内容"),
        max_length=200,
        help_text=_("岗位推荐写用人单位和岗位，培训写培训项目。"),
    )
    outcome = forms.ChoiceField(label=_("结果"), choices=OfferOutcome.choices)
    notes = forms.CharField(
        label=_("备注"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(DomainForm):
    month = forms.DateField(
        label=_("月份"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("例如 2026-07；同一月份再次记录会更正该月的状态。"),
    )
    status = forms.ChoiceField(label=_("状态"), choices=GraduateStatus.choices)
    employed_how = forms.ChoiceField(
        label=_("就业方式（已就业时填写）"),
        choices=[("", "—"), *EmployedHow.choices],
        required=False,
    )
    notes = forms.CharField(
        label=_("备注"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
