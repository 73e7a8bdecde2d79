"""The organs' page forms: a work plan, a progress entry, a unit's profile, a notice, its
review, an appeal and its answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core import forms as core_forms
from ablework.core.forms import DomainForm
from ablework.organs.defaults import APPEAL_DAYS_MAX, DEFAULT_APPEAL_DAYS
from ablework.organs.services.notices import NoticeDraft
from ablework.organs.services.plans import PlanDetails, ProgressEntry
from ablework.organs.services.profiles import ProfileChange

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(core_forms.VersionedForm):
    """The organs' forms create a record as well as edit it: a new one has no version yet."""

    version_required = False


class PlanForm(VersionedForm):
    posts_to_reserve = forms.IntegerField(label=_("预留岗位数"), min_value=1, max_value=999)
    posts_description = forms.CharField(
        label=_("预留岗位"),
        max_length=200,
        required=False,
        help_text=_("例如：办公室文员、档案管理员。"),
    )
    recruitment_on = forms.DateField(label=_("计划招录（聘）日期"), widget=DATE_WIDGET)
    responsible_name = forms.CharField(label=_("责任人"), max_length=64)
    responsible_role = forms.CharField(
        label=_("责任人职务"), max_length=64, help_text=_("例如：办公室主任。")
    )

    def details(self) -> PlanDetails:
        data = self.cleaned_data
        return PlanDetails(
            posts_to_reserve=data["posts_to_reserve"],
            posts_description=data.get("posts_description") or "",
            recruitment_on=data["recruitment_on"],
            responsible_name=data["responsible_name"],
            responsible_role=data["responsible_role"],
        )


class ProfileForm(VersionedForm):
    """An organ's or institution's supervising unit, or whether an enterprise is state-owned:
    `supervised` says which of the two the unit has."""

    supervisor = forms.CharField(
        label=_("主管单位"),
        max_length=200,
        required=False,
        help_text=_(
            "填写主管单位（本辖区登记的机关或事业单位）的名称或统一社会信用代码；"
            "留空表示没有主管单位。主管单位的经办人账户可以查看本单位的带头安置情况。"
        ),
    )
    state_owned = forms.BooleanField(
        label=_("国有企业"),
        required=False,
        help_text=_("国有企业列入机关、事业单位、国有企业带头安置情况公示。"),
    )

    def __init__(self, *args: Any, supervised: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["state_owned" if supervised else "supervisor"]

    def change(self) -> ProfileChange:
        data = self.cleaned_data
        return ProfileChange(
            supervisor=data.get("supervisor") or "", state_owned=bool(data.get("state_owned"))
        )


class ProgressForm(VersionedForm):
    recorded_on = forms.DateField(label=_("日期"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("进展情况"), max_length=500, widget=forms.Textarea)
    placed = forms.IntegerField(label=_("本次新安排人数"), min_value=0, max_value=999, initial=0)

    def entry(self) -> ProgressEntry:
        data = self.cleaned_data
        return ProgressEntry(
            recorded_on=data["recorded_on"], note=data["note"], placed=data.get("placed") or 0
        )


class NoticeForm(DomainForm):
    year = forms.IntegerField(label=_("年度"), min_value=2015, max_value=2100)
    region_code = forms.ChoiceField(label=_("公示范围"))
    appeal_days = forms.IntegerField(
        label=_("异议期（天）"),
        min_value=1,
        max_value=APPEAL_DAYS_MAX,
        initial=DEFAULT_APPEAL_DAYS,
        help_text=_("公示发布之日起，公众可在这些天内提出异议（自然日）。"),
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = regions  # type: ignore[attr-defined]

    def draft(self) -> NoticeDraft:
        data = self.cleaned_data
        return NoticeDraft(
            year=data["year"], region_code=data["region_code"], appeal_days=data["appeal_days"]
        )


class RejectForm(VersionedForm):
    reason = forms.CharField(label=_("不予通过的理由"), max_length=500, widget=forms.Textarea)


class AppealForm(DomainForm):
    name = forms.CharField(label=_("姓名或单位名称"), max_length=64)
    contact = forms.CharField(
        label=_("联系电话或电子邮箱"),
        max_length=100,
        help_text=_("仅用于答复您的异议，不会公开。"),
    )
    objection = forms.CharField(
        label=_("异议内容"),
        max_length=2000,
        widget=forms.Textarea,
        help_text=_("请写明对哪个单位、哪项内容有异议及理由。"),
    )


class AnswerForm(VersionedForm):
    answer = forms.CharField(label=_("答复"), max_length=2000, widget=forms.Textarea)
