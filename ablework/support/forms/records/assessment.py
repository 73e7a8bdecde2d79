"""The vocational capacity assessment's form (职业能力评估): the 16 task demands, each a
fieldset (legend: the demand) with the ability as a radio group and the accommodations that make
it possible as a checkbox group, which the page shows only while `with` is chosen
(support/records/_demand.html); the checks here are the same with or without it. Then hours,
needs, pathway, method and summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.support.forms.records.common import (
    RecordForm,
    day_field,
    given_by_field,
    notes_field,
)
from ablework.support.models import Assessment, AssessmentMethod, Pathway
from ablework.support.services.records import AssessmentInput
from ablework.support.vocabulary import Ability, AbilityValue, Accommodation, Demand


class AssessmentForm(RecordForm):
    """The instrument: the 16 task demands first, then hours, needs, pathway, method, summary."""

    on = day_field(_("评估日期"))
    hours_per_day = forms.DecimalField(
        label=_("每天可工作小时数"), max_digits=3, decimal_places=1, min_value=0, max_value=24
    )
    needs = forms.MultipleChoiceField(
        label=_("在任何工作场所都需要的便利条件"),
        choices=Accommodation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("例如轮椅使用者需要无障碍通道和无障碍卫生间；没有则不选。"),
    )
    pathway = forms.ChoiceField(
        label=_("建议就业途径"), choices=Pathway.choices, widget=forms.RadioSelect
    )
    methods = forms.MultipleChoiceField(
        label=_("评估方式"), choices=AssessmentMethod.choices, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("评估结论（本人可见）"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("用本人能读懂的话写：能做什么、需要什么帮助、建议怎样就业。"),
    )
    given_by = given_by_field(_("评估人员"))
    notes = notes_field()

    fieldsets: ClassVar[Any] = tuple(
        (demand.label, (f"ability_{demand.value}", f"with_{demand.value}")) for demand in Demand
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        demands: dict[str, forms.Field] = {}
        for demand in Demand:
            demands[f"ability_{demand.value}"] = forms.ChoiceField(
                label=_("“%(demand)s”的能力") % {"demand": demand.label},
                choices=Ability.choices,
                widget=forms.RadioSelect,
                initial=Ability.CAN,
            )
            demands[f"with_{demand.value}"] = forms.MultipleChoiceField(
                label=_("“%(demand)s”借助的便利条件") % {"demand": demand.label},
                choices=Accommodation.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("选“借助便利条件能胜任”时，选出能帮助完成的便利条件（任一即可）。"),
            )
        # the demands come first, after the hidden version and the day
        ordered = {"version": self.fields.pop("version"), "on": self.fields.pop("on")}
        self.fields = {**ordered, **demands, **self.fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for demand in Demand:
            ability = data.get(f"ability_{demand.value}")
            chosen = data.get(f"with_{demand.value}") or []
            if ability == Ability.WITH and not chosen:
                self.add_error(
                    f"with_{demand.value}",
                    _("“%(demand)s”选了借助便利条件，请至少选一项便利条件。")
                    % {"demand": demand.label},
                )
            elif ability != Ability.WITH and chosen:
                self.add_error(
                    f"with_{demand.value}",
                    _("只有选“借助便利条件能胜任”时才选便利条件。"),
                )
        return data

    def abilities(self) -> dict[str, AbilityValue]:
        data = self.cleaned_data
        abilities: dict[str, AbilityValue] = {}
        for demand in Demand:
            ability = data[f"ability_{demand.value}"]
            if ability == Ability.WITH:
                abilities[demand.value] = {Ability.WITH.value: list(data[f"with_{demand.value}"])}
            elif ability == Ability.CANNOT:
                abilities[demand.value] = Ability.CANNOT.value
        return abilities

    def assessment(self) -> AssessmentInput:
        data = self.cleaned_data
        return AssessmentInput(
            on=data["on"],
            abilities=self.abilities(),
            hours_per_day=data["hours_per_day"],
            needs=tuple(data["needs"]),
            pathway=data["pathway"],
            methods=tuple(data["methods"]),
            summary=data["summary"],
            given_by=data["given_by"],
            notes=data.get("notes") or "",
        )

    @staticmethod
    def initial_of(record: Assessment) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": record.version,
            "on": record.on,
            "hours_per_day": record.hours_per_day,
            "needs": record.needs,
            "pathway": record.pathway,
            "methods": record.methods,
            "summary": record.summary,
            "given_by": record.given_by,
            "notes": record.notes,
        }
        initial.update(abilities_initial(record.abilities))
        return initial


def abilities_initial(abilities: Mapping[str, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for demand in Demand:
        value = abilities.get(demand.value, Ability.CAN)
        if isinstance(value, Mapping):
            initial[f"ability_{demand.value}"] = Ability.WITH.value
            initial[f"with_{demand.value}"] = list(value.get(Ability.WITH, []))
        else:
            initial[f"ability_{demand.value}"] = value
    return initial
