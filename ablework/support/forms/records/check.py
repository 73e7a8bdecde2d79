"""The information check's form (信息核对): what was verified and how, the person's wish to
work, and what the check found changed, which goes into the registry (`corrections`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.registry.models import EmploymentStatus
from ablework.registry.services import KEEP
from ablework.support.forms.records.common import (
    RecordForm,
    day_field,
    given_by_field,
    notes_field,
)
from ablework.support.models import Channel, CheckItem, InformationCheck
from ablework.support.services.records import CheckInput, RegistryCorrections

WANTS = (("yes", _("有就业意愿")), ("no", _("暂无就业意愿")), ("unknown", _("本人未表态")))


class CheckForm(RecordForm):
    on = day_field(_("核对日期"))
    channel = forms.ChoiceField(
        label=_("核对方式"), choices=Channel.choices, widget=forms.RadioSelect
    )
    verified = forms.MultipleChoiceField(
        label=_("核对的内容"), choices=CheckItem.choices, widget=forms.CheckboxSelectMultiple
    )
    wants_work = forms.ChoiceField(label=_("就业意愿"), choices=WANTS, widget=forms.RadioSelect)
    phone = forms.CharField(
        label=_("新的联系电话"),
        max_length=20,
        required=False,
        help_text=_("核对发现有变化时填写，写入残疾人信息库；不填则保持不变。"),
    )
    address = forms.CharField(
        label=_("新的居住地址"),
        max_length=100,
        required=False,
        help_text=_("核对发现有变化时填写；不填则保持不变。"),
    )
    employment_status = forms.ChoiceField(
        label=_("新的就业状况"),
        choices=[("", _("没有变化")), *EmploymentStatus.choices],
        required=False,
    )
    employer_name = forms.CharField(
        label=_("就业单位"),
        max_length=100,
        required=False,
        help_text=_("就业状况改为已就业时填写。"),
    )
    given_by = given_by_field(_("核对人员"))
    notes = notes_field()

    fieldsets = (
        (
            _("核对发现的变化（写入残疾人信息库）"),
            ("phone", "address", "employment_status", "employer_name"),
        ),
    )

    def check(self) -> CheckInput:
        data = self.cleaned_data
        wants = data["wants_work"]
        return CheckInput(
            on=data["on"],
            channel=data["channel"],
            verified=tuple(data["verified"]),
            wants_work=None if wants == "unknown" else wants == "yes",
            given_by=data["given_by"],
            notes=data.get("notes") or "",
        )

    def corrections(self) -> RegistryCorrections:
        data = self.cleaned_data
        return RegistryCorrections(
            phone=data.get("phone") or KEEP,
            address=data.get("address") or KEEP,
            employment_status=data.get("employment_status") or KEEP,
            employer_name=data.get("employer_name") or KEEP,
        )

    @staticmethod
    def initial_of(record: InformationCheck) -> dict[str, Any]:
        wants = {True: "yes", False: "no", None: "unknown"}[record.wants_work]
        return {
            "version": record.version,
            "on": record.on,
            "channel": record.channel,
            "verified": record.verified,
            "wants_work": wants,
            "given_by": record.given_by,
            "notes": record.notes,
        }
