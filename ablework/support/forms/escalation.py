"""The forms deciding an escalation proposal (升级帮扶) and giving it to another owner."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import VersionedForm
from ablework.support.models import Decision, Route
from ablework.support.services.escalation import DecisionInput


class EscalationDecisionForm(VersionedForm):
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


class EscalationReassignForm(VersionedForm):
    """The new owner, among the workers of the person's place (`services.escalation.may_own`),
    and why."""

    owner = forms.TypedChoiceField(
        label=_("新的负责人"),
        coerce=int,
        error_messages={
            "required": _("请选择新的负责人。"),
            "invalid_choice": _("新的负责人须是负责此人所在地就业服务的工作人员。"),
        },
    )
    reason = forms.CharField(
        label=_("改派原因"),
        max_length=200,
        error_messages={"required": _("请写明改派的原因。")},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：原负责人调岗、休假，或此人已迁到另一乡镇（街道）。"),
    )

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("请选择")), *owners]  # type: ignore[attr-defined]
