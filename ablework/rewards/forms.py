"""The forms of over-quota rewards (core.forms.DomainForm)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.rewards.services import Payment


class ApplyForm(DomainForm):
    """Applying changes nothing the page must guard: a confirmation only."""


class DecisionForm(VersionedForm):
    """A decision on an application: only the version the page was opened on."""


class RefuseForm(DecisionForm):
    reason = forms.CharField(
        label=_("不予通过的理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class PaymentForm(DecisionForm):
    paid_on = forms.DateField(
        label=_("发放日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.DecimalField(
        label=_("发放金额（元）"), max_digits=14, decimal_places=2, min_value=0
    )
    reference = forms.CharField(label=_("支付凭证号"), max_length=64, required=False)

    def payment(self) -> Payment:
        data = self.cleaned_data
        return Payment(
            paid_on=data["paid_on"], amount=data["amount"], reference=data.get("reference") or ""
        )
