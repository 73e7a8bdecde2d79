"""The forms of the referral pages: a counsellor's referral with the person's consent, and each
next step of a referral (refer a person's request, the interview, hired, not hired, withdrawn).
The step forms share one page (the referral's), so each carries a prefix of its own: their
fields' ids never collide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DATE_WIDGET, DomainForm, VersionedForm
from ablework.matching.models import ConsentHow, NotHiredReason, ReferralState, WithdrawnBy
from ablework.registry.models import EmploymentKind

# How the pages that link here name where a referral came from (`?source=`), and what the
# referral records.
SOURCES = {"batch": "batch", "person_jobs": "search", "candidates": "search", "search": "search"}
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReferForm(DomainForm):
    """推荐: the person's consent (how, on which day); the person and the posting ride along."""

    person = forms.IntegerField(widget=forms.HiddenInput, required=False)
    posting = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)
    consent_how = forms.ChoiceField(
        label=_("本人同意推荐的方式"),
        choices=[
            (ConsentHow.WRITTEN, ConsentHow.WRITTEN.label),
            (ConsentHow.ORAL, ConsentHow.ORAL.label),
        ],
        widget=forms.RadioSelect,
        help_text=_("推荐前须征得本人同意：同意后，本人的姓名和联系电话会告诉招聘单位。"),
    )
    consent_on = forms.DateField(
        label=_("本人同意的日期"),
        widget=DATE_WIDGET,
        help_text=_("不能晚于今天。"),
    )


class ReferRequestForm(VersionedForm):
    """推荐本人申请的岗位: the request is the person's consent; only the version is sent."""


class InterviewForm(VersionedForm):
    at = forms.DateTimeField(
        label=_("面试时间"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    online = forms.BooleanField(label=_("线上面试"), required=False)
    place = forms.CharField(
        label=_("面试地点或线上方式"),
        max_length=200,
        help_text=_("现场面试写明地址和楼层；线上面试写明方式，如视频会议链接。"),
    )


class HireForm(VersionedForm):
    started_on = forms.DateField(
        label=_("入职日期"),
        widget=DATE_WIDGET,
        help_text=_("本人入职的日期，不能晚于今天。登记后本人在残疾人名册中的就业状况改为已就业。"),
    )
    employment_kind = forms.ChoiceField(
        label=_("就业形式"),
        choices=EmploymentKind.choices,
        help_text=_("按岗位类型预先选好，可以修改。"),
    )


class NotHiredForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("未录用的原因"), choices=NotHiredReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("说明"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("选择“其他原因”时必填，最多 300 个字。"),
    )


class WithdrawForm(VersionedForm):
    by = forms.ChoiceField(label=_("撤回方"), choices=WithdrawnBy.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("撤回的原因"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("最多 300 个字。"),
    )


# Each next state's form, its prefix (the page's `step` value) and its heading.
STEP_FORMS: dict[str, tuple[type[DomainForm], Any]] = {
    ReferralState.REFERRED: (ReferRequestForm, _("推荐本人申请的岗位")),
    ReferralState.INTERVIEW: (InterviewForm, _("登记面试安排")),
    ReferralState.HIRED: (HireForm, _("登记已录用")),
    ReferralState.NOT_HIRED: (NotHiredForm, _("登记未录用")),
    ReferralState.WITHDRAWN: (WithdrawForm, _("撤回推荐")),
}


def step_initial(
    state: str, *, version: int, employment_kind: str, withdrawn_by: str
) -> dict[str, Any]:
    """What a step's form starts with: the version seen, and for a hire today and the form of
    employment of the posting's kind."""
    initial: dict[str, Any] = {"version": version}
    if state == ReferralState.HIRED:
        initial |= {"started_on": timezone.localdate(), "employment_kind": employment_kind}
    if state == ReferralState.WITHDRAWN:
        initial["by"] = withdrawn_by
    return initial
