"""An employment service's form (就业服务): the kind, how it was given, its result, what
happened and the next step with its due date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DATE_WIDGET
from ablework.support.forms.records.common import (
    RecordForm,
    day_field,
    given_by_field,
    notes_field,
)
from ablework.support.models import Channel, ServiceKind, ServiceRecord, ServiceResult
from ablework.support.services.records import ServiceInput


class ServiceForm(RecordForm):
    on = day_field(_("服务日期"))
    kind = forms.ChoiceField(label=_("服务类型"), choices=ServiceKind.choices)
    channel = forms.ChoiceField(
        label=_("服务方式"), choices=Channel.choices, widget=forms.RadioSelect
    )
    result = forms.ChoiceField(
        label=_("服务结果"), choices=ServiceResult.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("服务情况"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_step = forms.CharField(label=_("下一步"), max_length=200, required=False)
    next_due = forms.DateField(label=_("下一步期限"), widget=DATE_WIDGET, required=False)
    given_by = given_by_field(_("服务人员"))
    notes = notes_field()

    def service(self) -> ServiceInput:
        data = self.cleaned_data
        return ServiceInput(
            on=data["on"],
            kind=data["kind"],
            channel=data["channel"],
            result=data["result"],
            outcome=data["outcome"],
            next_step=data.get("next_step") or "",
            next_due=data.get("next_due"),
            given_by=data["given_by"],
            notes=data.get("notes") or "",
        )

    @staticmethod
    def initial_of(record: ServiceRecord) -> dict[str, Any]:
        return {
            "version": record.version,
            "on": record.on,
            "kind": record.kind,
            "channel": record.channel,
            "result": record.result,
            "outcome": record.outcome,
            "next_step": record.next_step,
            "next_due": record.next_due,
            "given_by": record.given_by,
            "notes": record.notes,
        }
