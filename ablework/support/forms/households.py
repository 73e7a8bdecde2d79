"""The forms of the zero-employment households: recording one from a registered member, and
recording that a member is employed (a registered member, or another member by name)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.registry.models import EmploymentKind
from ablework.support.models import HouseholdBasis, HouseholdMember, Relation
from ablework.support.services.households import OTHER_MEMBER, EmployedInput, HouseholdInput
from ablework.support.services.households.recording import MOST_OTHER_MEMBERS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _notes() -> forms.CharField:
    return forms.CharField(
        label=_("备注"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("加密保存，只有可查看完整信息的人员能看到。"),
    )


class HouseholdForm(DomainForm):
    recognised_on = forms.DateField(label=_("认定日期"), widget=DATE_WIDGET)
    basis = forms.ChoiceField(
        label=_("认定依据"), choices=HouseholdBasis.choices, widget=forms.RadioSelect
    )
    basis_note = forms.CharField(
        label=_("认定文件或说明"),
        max_length=200,
        required=False,
        help_text=_("例如认定名单的文号；认定依据选“其他”时必须填写。"),
    )
    other_resident_ids = forms.CharField(
        label=_("家庭中其他持证残疾人的公民身份号码"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("每行一个；须已在您管辖范围内的实名制信息库中登记。没有可不填。"),
    )
    other_members = forms.IntegerField(
        label=_("其他法定劳动年龄内的家庭成员人数"),
        min_value=0,
        max_value=MOST_OTHER_MEMBERS,
        initial=0,
        help_text=_("不是持证残疾人、目前也没有工作的家庭成员，只记人数。"),
    )
    notes = _notes()

    def household(self) -> HouseholdInput:
        data = self.cleaned_data
        return HouseholdInput(
            recognised_on=data["recognised_on"],
            basis=data["basis"],
            basis_note=data.get("basis_note") or "",
            other_members=data["other_members"],
            other_resident_ids=data.get("other_resident_ids") or "",
            notes=data.get("notes") or "",
        )


class EmployedForm(VersionedForm):
    version_required = False
    member = forms.ChoiceField(label=_("就业的家庭成员"), widget=forms.RadioSelect)
    employed_on = forms.DateField(label=_("就业日期"), widget=DATE_WIDGET)
    kind = forms.ChoiceField(label=_("就业形式"), choices=[("", "—"), *EmploymentKind.choices])
    employer_name = forms.CharField(
        label=_("就业单位"),
        max_length=200,
        required=False,
        help_text=_("个体、灵活就业等没有单位的可不填。"),
    )
    other_name = forms.CharField(
        label=_("就业成员的姓名"),
        max_length=64,
        required=False,
        help_text=_("选“其他家庭成员”时填写；加密保存。"),
    )
    other_relation = forms.ChoiceField(
        label=_("与持证残疾人的关系"),
        choices=[("", "—"), *Relation.choices],
        required=False,
        help_text=_("选“其他家庭成员”时填写。"),
    )
    notes = _notes()

    def __init__(self, *args: object, members: list[HouseholdMember], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [  # type: ignore[attr-defined]
            *(
                (
                    str(m.person_id),
                    _("%(name)s（持证残疾人，就业记入实名制信息库）") % {"name": m.person.name},
                )
                for m in members
            ),
            (OTHER_MEMBER, _("其他家庭成员（未持残疾人证）")),
        ]

    def employed(self) -> EmployedInput:
        data = self.cleaned_data
        return EmployedInput(
            member=data["member"],
            employed_on=data["employed_on"],
            kind=data.get("kind") or "",
            employer_name=data.get("employer_name") or "",
            other_name=data.get("other_name") or "",
            other_relation=data.get("other_relation") or "",
            notes=data.get("notes") or "",
        )
