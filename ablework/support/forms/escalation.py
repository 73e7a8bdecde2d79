"""The form deciding an escalation proposal (升级帮扶)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.support.models import Decision, Route
from ablework.support.services.escalation import DecisionInput


class EscalationDecisionForm(DomainForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        label=_("决定"),
        choices=[(Decision.ACCEPTED.value, _("已安置")), (Decision.DECLINED.value, _("不予安置"))],
        widget=forms.RadioSelect,
    )
    placed_route = forms.ChoiceField(
        label=_("安置途径（已安置的填写）"),
        choices=[("", _("请选择")), *Route.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("决定说明（不予安置的须写明理由）"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = forms.DateField(
        label=_("决定日期"),
        required=False,
        help_text=_("不填为今天。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def decision_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            decision=data["decision"],
            placed_route=data.get("placed_route") or "",
            reason=data.get("reason") or "",
            decided_on=data.get("decided_on"),
        )
