"""Recording an employer's credit entry by hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.quota.credit_bases import BASES
from ablework.quota.forms.review import REASON_WIDGET
from ablework.quota.models import CreditKind


class CreditEntryForm(DomainForm):
    uscc = forms.CharField(
        label=_("用人单位统一社会信用代码"), max_length=18, min_length=18, strip=True
    )
    kind = forms.ChoiceField(
        label=_("失信行为"), choices=CreditKind.choices, widget=forms.RadioSelect
    )
    levy_year = forms.IntegerField(
        label=_("费款所属期（年度）"), required=False, min_value=2015, max_value=2100
    )
    facts = forms.CharField(
        label=_("认定的事实"),
        max_length=2000,
        widget=REASON_WIDGET,
        help_text=_("如：2025 年度应缴保障金 120000.00 元，经催缴至 2026 年 10 月 31 日仍未缴纳。"),
    )
    recorded_on = forms.DateField(
        label=_("认定日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    basis = forms.ChoiceField(
        label=_("依据"),
        required=False,
        choices=[("", _("按用人单位所在地区自动选择"))]
        + [(basis.key, f"{basis.document}{basis.section}") for basis in BASES],
    )
