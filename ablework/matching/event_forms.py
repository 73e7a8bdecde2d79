"""The forms of recruitment events: the event (when, where, how accessible, who takes part), a
registration with the access needs for the day, and the outcome of one registration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.accounts.models import User
from ablework.core.forms import DATE_WIDGET, DomainForm, VersionedForm
from ablework.core.models import Region
from ablework.employers.models import Employer
from ablework.matching.models import (
    AccessNeed,
    EventInterview,
    EventMode,
    EventRegistration,
    JobPosting,
    NotHiredReason,
    RecruitmentEvent,
    VenueAccess,
)
from ablework.matching.services.event_registrations import Outcome
from ablework.matching.services.events import EventDetails, check_event
from ablework.registry.models import Person
from ablework.registry.selectors.search import PersonFilters, is_identifier_query, search_persons

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(VersionedForm):
    """A recruitment event, for a county or city of the actor's area; a change is saved on the
    version seen, a new event has none."""

    name = forms.CharField(
        label=_("活动名称"),
        max_length=100,
        help_text=_("例如：2026年任城区助残就业专场招聘会。"),
    )
    organiser = forms.CharField(
        label=_("主办单位"),
        max_length=100,
        help_text=_("残联或残疾人就业服务中心的名称，例如“任城区残疾人就业服务中心”。"),
    )
    held_on = forms.DateField(label=_("举办日期"), widget=DATE_WIDGET)
    starts_at = forms.TimeField(label=_("开始时间"), widget=TIME_WIDGET)
    ends_at = forms.TimeField(label=_("结束时间"), widget=TIME_WIDGET)
    mode = forms.ChoiceField(
        label=_("举办方式"), choices=EventMode.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("举办地点"),
        max_length=200,
        required=False,
        help_text=_("现场招聘填写：具体到楼层和房间。"),
    )
    platform = forms.CharField(
        label=_("网络平台"),
        max_length=100,
        required=False,
        help_text=_("网络招聘填写，例如“中国残疾人就业创业网络服务平台”。"),
    )
    link = forms.URLField(
        label=_("参加网址"), max_length=300, required=False, assume_scheme="https"
    )
    access = forms.MultipleChoiceField(
        label=_("提供的无障碍服务"),
        choices=VenueAccess.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("现场的无障碍设施和活动当天提供的服务；网络招聘可提供手语翻译、字幕等。"),
    )
    description = forms.CharField(
        label=_("活动说明"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        actor: User,
        on: date,
        regions: QuerySet[Region],
        employers: QuerySet[Employer],
        postings: QuerySet[JobPosting],
        event: RecruitmentEvent | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.on = on
        self.event = event
        self.fields["region_code"] = forms.ChoiceField(
            label=_("举办地区"),
            choices=[(region.code, region.name) for region in regions],
            help_text=_("活动面向这个市或县（市、区）的求职者，这里的工作人员都能看到。"),
        )
        self.fields["postings"] = forms.TypedMultipleChoiceField(
            label=_("参会岗位"),
            coerce=int,
            choices=[
                (posting.pk, f"{posting.employer.name}：{posting.title}") for posting in postings
            ],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("您辖区内用人单位正在招聘的岗位；选了岗位，它的单位自动参会。"),
        )
        self.fields["employers"] = forms.TypedMultipleChoiceField(
            label=_("其他参会单位"),
            coerce=int,
            choices=[(employer.pk, employer.name) for employer in employers],
            widget=forms.SelectMultiple(attrs={"size": 6}),
            required=False,
            help_text=_("还没有发布岗位的参会单位（可多选：按住 Ctrl 键或 Shift 键选择）。"),
        )
        if event is None:
            del self.fields["version"]  # a new event has no version yet
        self.order_fields(
            [
                "name",
                "organiser",
                "region_code",
                "held_on",
                "starts_at",
                "ends_at",
                "mode",
                "place",
                "platform",
                "link",
                "access",
                "description",
                "postings",
                "employers",
            ]
        )

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        return [lambda: check_event(self.actor, self._details(data), on=self.on, event=self.event)]

    def details(self) -> EventDetails:
        return self._details(self.cleaned_data)

    def _details(self, data: dict[str, Any]) -> EventDetails:
        return EventDetails(
            name=data.get("name") or "",
            organiser=data.get("organiser") or "",
            region_code=data.get("region_code") or "",
            held_on=data.get("held_on"),
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            mode=data.get("mode") or "",
            place=data.get("place") or "",
            platform=data.get("platform") or "",
            link=data.get("link") or "",
            access=tuple(data.get("access") or ()),
            description=data.get("description") or "",
            employer_ids=tuple(data.get("employers") or ()),
            posting_ids=tuple(data.get("postings") or ()),
        )


def event_initial(event: RecruitmentEvent) -> dict[str, Any]:
    """The stored event as the edit form shows it."""
    names = ("name", "organiser", "region_code", "held_on", "starts_at", "ends_at", "mode")
    initial: dict[str, Any] = {name: getattr(event, name) for name in names}
    initial.update(
        place=event.place,
        platform=event.platform,
        link=event.link,
        access=list(event.access or []),
        description=event.description,
        postings=list(event.postings.values_list("posting_id", flat=True)),
        employers=list(event.employers.values_list("employer_id", flat=True)),
        version=event.version,
    )
    return initial


NEEDS_HELP = _(
    "活动当天需要的帮助，主办方据此准备手语翻译、无障碍通道、大字版资料和陪同人员的座位。"
)
OTHER_HELP = _("其他需要用一句话写清楚，例如“需要提前半小时入场”。只有有权限的工作人员能看到。")


def _needs_fields() -> dict[str, forms.Field]:
    return {
        "needs": forms.MultipleChoiceField(
            label=_("当天需要的无障碍服务"),
            choices=AccessNeed.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=NEEDS_HELP,
        ),
        "needs_other": forms.CharField(
            label=_("其他需要"),
            max_length=500,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=OTHER_HELP,
        ),
    }


class RegisterForm(DomainForm):
    """Register a person of the actor's area, found by their resident ID or certificate number
    (posted, never in the address)."""

    identifier = forms.CharField(
        label=_("公民身份号码或残疾人证号"),
        max_length=24,
        # 18 characters fit a phone's width even in the bold of a field with an error
        widget=forms.TextInput(attrs={"size": 18, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("为您辖区内已登记的残疾人报名。"),
    )

    def __init__(self, *args: Any, persons: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.persons = persons
        self.person: Person | None = None
        self.fields.update(_needs_fields())

    def clean_identifier(self) -> str:
        text = (self.cleaned_data.get("identifier") or "").strip()
        if not is_identifier_query(text):
            raise forms.ValidationError(
                _("请填写完整的18位公民身份号码或残疾人证号（不能只填姓名）。")
            )
        found = search_persons(persons=self.persons, filters=PersonFilters(query=text)).first()
        if found is None:
            raise forms.ValidationError(
                _("您辖区内没有找到这个公民身份号码或残疾人证号的残疾人，请核对后重填。")
            )
        self.person = found
        return text


class NeedsForm(VersionedForm):
    """Change what a registered person needs on the day, on the version seen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(_needs_fields())
        self.order_fields(["needs", "needs_other", "version"])


YES_NO = [("yes", _("是")), ("no", _("否"))]
MET_CHOICES = [("yes", _("都满足了")), ("no", _("没有全部满足")), ("", _("没有提出需要"))]


class OutcomeForm(VersionedForm):
    """The day of one registration: came, needs met, interviews, the hire."""

    attended = forms.ChoiceField(label=_("是否到场"), choices=YES_NO, widget=forms.RadioSelect)
    needs_met = forms.ChoiceField(
        label=_("无障碍需要是否满足"),
        choices=MET_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, postings: list[JobPosting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (posting.pk, f"{posting.employer.name}：{posting.title}") for posting in postings
        ]
        self.fields["interviewed"] = forms.TypedMultipleChoiceField(
            label=_("参加面试的岗位"),
            coerce=int,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["hired"] = forms.TypedChoiceField(
            label=_("录用岗位"),
            coerce=int,
            empty_value=None,
            choices=[("", _("未录用")), *choices],
            required=False,
            help_text=_("录用的岗位也算参加了面试。"),
        )
        self.fields["started_on"] = forms.DateField(
            label=_("入职日期"),
            widget=DATE_WIDGET,
            required=False,
            help_text=_(
                "录用时必填，不能晚于今天（尚未入职的，入职后再登记录用）。保存后本人在实名制信息中"
                "记为已就业，岗位计入已录用，并记录一次岗位推荐服务。"
            ),
        )
        self.fields["not_hired_reason"] = forms.ChoiceField(
            label=_("未录用原因"),
            choices=[("", _("未记录")), *NotHiredReason.choices],
            required=False,
            help_text=_("面试了但没有被录用的岗位，选择主要原因（计入活动成果报告）。"),
        )
        self.order_fields(
            [
                "attended",
                "needs_met",
                "interviewed",
                "hired",
                "started_on",
                "not_hired_reason",
                "version",
            ]
        )

    def outcome(self) -> Outcome:
        data = self.cleaned_data
        met = {"yes": True, "no": False}.get(data.get("needs_met") or "")
        return Outcome(
            attended=data.get("attended") == "yes",
            needs_met=met,
            interviewed=tuple(data.get("interviewed") or ()),
            hired=data.get("hired"),
            started_on=data.get("started_on"),
            not_hired_reason=data.get("not_hired_reason") or "",
        )


def _started_on(interviews: list[EventInterview]) -> date | None:
    """The start day of the hire the referral pipeline recorded, if any."""
    for row in interviews:
        if row.hired and row.referral is not None:
            step = row.referral.steps.filter(started_on__isnull=False).order_by("-pk").first()
            return step.started_on if step else None
    return None


def outcome_initial(registration: EventRegistration) -> dict[str, Any]:
    interviews = list(registration.interviews.select_related("referral"))
    hired = next((row.posting_id for row in interviews if row.hired), None)
    attended = {True: "yes", False: "no"}.get(registration.attended, "")  # type: ignore[arg-type]
    met = {True: "yes", False: "no"}.get(registration.needs_met, "")  # type: ignore[arg-type]
    return {
        "attended": attended or "yes",
        "needs_met": met,
        "interviewed": [row.posting_id for row in interviews],
        "hired": hired or "",
        "started_on": _started_on(interviews),
        "not_hired_reason": next(
            (row.not_hired_reason for row in interviews if row.not_hired_reason), ""
        ),
        "version": registration.version,
    }


class CancelForm(VersionedForm):
    """Confirm taking a registration back, on the version seen."""
