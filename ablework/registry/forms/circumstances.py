"""Small forms: flags with dates, training received, checks of records, merging duplicates,
correcting a mistyped resident ID."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.registry.forms.person import BASE_AGE_CHOICES, DATE_WIDGET, check_identity
from ablework.registry.models import (
    CertificateEventKind,
    DisabilityCategory,
    DisabilityGrade,
    FlagKind,
    VerificationMethod,
)


def _today() -> Any:
    return timezone.localdate()


class FlagOpenForm(DomainForm):
    kind = forms.ChoiceField(
        label=_("标记"),
        choices=FlagKind.choices,
        help_text=_("这些情况决定适用哪些帮扶政策和补贴，例如公益性岗位优先安置就业困难人员。"),
    )
    started_on = forms.DateField(
        label=_("开始日期"),
        widget=DATE_WIDGET,
        initial=_today,
        help_text=_("认定或发现之日；不能晚于今天。"),
    )
    source = forms.CharField(
        label=_("依据或来源"),
        max_length=200,
        required=False,
        help_text=_("例如认定文件编号、民政部门名单。"),
    )


class FlagEndForm(DomainForm):
    ended_on = forms.DateField(
        label=_("结束日期"),
        widget=DATE_WIDGET,
        initial=_today,
        help_text=_("标记结束后仍保留在历史中；结束日期不能早于开始日期。"),
    )


class TrainingForm(DomainForm):
    subject = forms.CharField(label=_("培训项目"), max_length=100)
    provider = forms.CharField(label=_("培训机构"), max_length=200, required=False)
    completed_on = forms.DateField(
        label=_("结业日期"), widget=DATE_WIDGET, required=False, help_text=_("不能晚于今天。")
    )
    certificate = forms.CharField(
        label=_("取得证书"),
        max_length=100,
        required=False,
        help_text=_("例如职业技能等级证书、培训合格证。"),
    )


class VerifyForm(DomainForm):
    verified_on = forms.DateField(
        label=_("核实日期"),
        widget=DATE_WIDGET,
        initial=_today,
        help_text=_("与本人或家属核实信息的日期；不能晚于今天。"),
    )
    method = forms.ChoiceField(
        label=_("核实方式"),
        choices=VerificationMethod.choices,
        initial=VerificationMethod.QUARTERLY_UPDATE,
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class BulkVerifyForm(VerifyForm):
    persons = forms.TypedMultipleChoiceField(
        label=_("选择的人员"), coerce=int, error_messages={"required": _("请至少选择一人。")}
    )

    def __init__(self, *args: Any, person_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persons"].choices = [(pk, str(pk)) for pk in person_ids]  # type: ignore[attr-defined]


class MergeForm(DomainForm):
    kept = forms.IntegerField(widget=forms.HiddenInput)
    merged = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("合并理由"),
        max_length=200,
        help_text=_("例如：核对户籍信息后确认，被合并记录的身份号码录入错误。"),
    )


class DismissForm(DomainForm):
    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("理由"), max_length=200, required=False)


class IdentityCorrectionForm(DomainForm):
    resident_id = forms.CharField(
        label=_("正确的公民身份号码"),
        max_length=24,
        help_text=_(
            "按身份证原件填写18位号码。性别和出生日期将按新号码重新读取；原号码保留在审计记录中。"
        ),
    )
    certificate_number = forms.CharField(
        label=_("正确的残疾人证号"),
        max_length=24,
        help_text=_("残疾人证号的前18位就是公民身份号码，后2位是残疾类别和等级。"),
    )
    retirement_base_age = forms.TypedChoiceField(
        label=_("原法定退休年龄"),
        choices=BASE_AGE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("号码中的性别改变时，请按新的性别重新选择（男性60周岁，女性50或55周岁）。"),
    )
    reason = forms.CharField(
        label=_("更正原因和依据"),
        max_length=200,
        help_text=_("例如“核对身份证原件，原录入有误”。将写入审计记录。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("resident_id", "certificate_number"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The new numbers and the retirement age for their sex, checked on the first submit."""
        return [lambda: check_identity(data)]


def _reassessed(label: Any, choices: list[tuple[int, Any]]) -> forms.TypedChoiceField:
    """A category or grade a reassessment sets; empty keeps the present one."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("不变")), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("仅重新评定时填写。"),
    )


class CertificateEventForm(DomainForm):
    """A reassessment, a renewal or a revocation of the person's 残疾人证 (证件历史)."""

    kind = forms.ChoiceField(
        label=_("事项"),
        choices=[
            (kind.value, kind.label)
            for kind in (
                CertificateEventKind.REASSESSED,
                CertificateEventKind.RENEWED,
                CertificateEventKind.REVOKED,
            )
        ],
        help_text=_("重新评定会改变残疾类别或等级（证号末两位随之改变）；换证延期改变有效期。"),
    )
    effective_on = forms.DateField(
        label=_("生效日期"),
        widget=DATE_WIDGET,
        initial=_today,
        help_text=_("评定、换证或注销之日；不能晚于今天。按比例就业年审从这个月起按新情况计算。"),
    )
    disability_category = _reassessed(_("新的残疾类别"), DisabilityCategory.choices)
    disability_grade = _reassessed(_("新的残疾等级"), DisabilityGrade.choices)
    valid_until = forms.DateField(
        label=_("新的证件有效期至"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("换证延期时必填；重新评定换发新证时也可填写。"),
    )
    source_detail = forms.CharField(
        label=_("依据"),
        max_length=200,
        required=False,
        help_text=_("例如评定结论编号、注销文书。"),
    )
