"""The forms of the four records of the "四个一": each field named as the service names its
problems, so a refused record shows every problem on its own field. The assessment's 16 task
demands are each a fieldset (legend: the demand) with the ability as a radio group and the
accommodations that make it possible as a checkbox group, which the page shows only while `with`
is chosen (support/records/_demand.html); the checks here are the same with or without it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import VersionedForm
from ablework.registry.models import EmploymentStatus
from ablework.registry.services import KEEP
from ablework.support.models import (
    Assessment,
    AssessmentMethod,
    Channel,
    CheckItem,
    InformationCheck,
    NeedsRegistration,
    Pathway,
    ServiceKind,
    ServiceRecord,
    ServiceResult,
)
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    RegistryCorrections,
    ServiceInput,
)
from ablework.support.vocabulary import Ability, AbilityValue, Accommodation, Demand

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WANTS = (("yes", _("有就业意愿")), ("no", _("暂无就业意愿")), ("unknown", _("本人未表态")))
OCCUPATION_SEPARATORS = ("，", ",", "、", "；", ";", "\n")


def _day(label: StrPromise) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET)


class RecordForm(VersionedForm):
    """What every record's form has: the version it was opened on (a correction), the worker
    and notes (encrypted: they may hold health data)."""

    version_required = False


def _given_by(label: StrPromise) -> forms.CharField:
    return forms.CharField(label=label, max_length=64)


def _notes() -> forms.CharField:
    return forms.CharField(
        label=_("备注"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("可能涉及健康情况，加密保存，只有可查看完整信息的人员能看到。"),
    )


class CheckForm(RecordForm):
    on = _day(_("核对日期"))
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
    given_by = _given_by(_("核对人员"))
    notes = _notes()

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


class AssessmentForm(RecordForm):
    """The instrument: the 16 task demands first, then hours, needs, pathway, method, summary."""

    on = _day(_("评估日期"))
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
    given_by = _given_by(_("评估人员"))
    notes = _notes()

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


class NeedsForm(RecordForm):
    on = _day(_("登记日期"))
    occupations = forms.CharField(
        label=_("希望从事的职业"),
        max_length=120,
        required=False,
        help_text=_("最多 5 个，用顿号或逗号分开，例如：客户服务、电子商务。"),
    )
    skills = forms.CharField(label=_("技能特长"), max_length=200, required=False)
    hours_per_week = forms.IntegerField(label=_("每周最多工作小时数"), min_value=1, max_value=168)
    places = forms.CharField(
        label=_("希望的工作地点"),
        max_length=200,
        required=False,
        help_text=_("例如：任城区城区、居家。"),
    )
    commute_km = forms.IntegerField(
        label=_("可接受的通勤距离（公里）"), min_value=0, max_value=32767
    )
    wage_floor = forms.DecimalField(
        label=_("期望月工资下限（元）"), max_digits=10, decimal_places=2, min_value=Decimal(0)
    )
    accepts_remote = forms.BooleanField(label=_("接受居家办公"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("工作中需要的便利条件"),
        choices=Accommodation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    training_wishes = forms.CharField(label=_("培训意愿"), max_length=200, required=False)
    given_by = _given_by(_("登记人员"))
    notes = _notes()

    def needs_input(self) -> NeedsInput:
        data = self.cleaned_data
        return NeedsInput(
            on=data["on"],
            occupations=split_occupations(data.get("occupations") or ""),
            skills=data.get("skills") or "",
            hours_per_week=data["hours_per_week"],
            places=data.get("places") or "",
            commute_km=data["commute_km"],
            wage_floor=data["wage_floor"],
            accepts_remote=bool(data.get("accepts_remote")),
            needs=tuple(data["needs"]),
            training_wishes=data.get("training_wishes") or "",
            given_by=data["given_by"],
            notes=data.get("notes") or "",
        )

    @staticmethod
    def initial_of(record: NeedsRegistration) -> dict[str, Any]:
        return {
            "version": record.version,
            "on": record.on,
            "occupations": "、".join(record.occupations),
            "skills": record.skills,
            "hours_per_week": record.hours_per_week,
            "places": record.places,
            "commute_km": record.commute_km,
            "wage_floor": record.wage_floor,
            "accepts_remote": record.accepts_remote,
            "needs": record.needs,
            "training_wishes": record.training_wishes,
            "given_by": record.given_by,
            "notes": record.notes,
        }


def split_occupations(text: str) -> tuple[str, ...]:
    for separator in OCCUPATION_SEPARATORS:
        text = text.replace(separator, "、")
    return tuple(name.strip() for name in text.split("、") if name.strip())


class ServiceForm(RecordForm):
    on = _day(_("服务日期"))
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
    given_by = _given_by(_("服务人员"))
    notes = _notes()

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


def new_initial(*, given_by: str, on: date) -> dict[str, Any]:
    """A new record's defaults: today, the worker's own name."""
    return {"on": on, "given_by": given_by}
