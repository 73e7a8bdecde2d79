"""One roster line, typed on the page: the certificate, the person, the employment, the twelve
months' wages and social insurance, and a dispatched worker's agreement."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import VersionedForm
from ablework.exchange.cells import CellProblem, parse_identifier
from ablework.quota.forms.fields import MONTHS, AmountField, month_label
from ablework.quota.inputs import DispatchInput, LineInput
from ablework.quota.models import CertificateKind, DispatchAssignment, EmploymentForm, LineMonth

WAGE_FIELDS = tuple(f"wage_{month}" for month in MONTHS)
_WAGE_CEILING = Decimal(10) ** (
    LineMonth._meta.get_field("wage").max_digits - LineMonth._meta.get_field("wage").decimal_places
)


class IdentifierField(forms.CharField):
    """A certificate or resident ID number: full-width digits and lower case are read."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        try:
            return parse_identifier(text) or ""
        except CellProblem as problem:
            raise forms.ValidationError(problem.message) from None


class LineForm(VersionedForm):
    """A roster line. Editing a stored line, the certificate and resident ID numbers are not put
    back in the form (pages show them masked only): an empty box keeps the stored number."""

    fieldsets = (
        (_("各月实发工资（元；当月未在岗留空）"), WAGE_FIELDS),
        (_("仅劳务派遣填写"), ("dispatch_agency", "dispatch_assigns_to")),
    )

    certificate_kind = forms.ChoiceField(
        label=_("证件类型"), choices=CertificateKind.choices, initial=CertificateKind.DISABILITY
    )
    certificate_number = IdentifierField(
        label=_("证件号码"),
        max_length=24,
        help_text=_("20位第二代残疾人证号，或残疾军人证号。"),
    )
    name = forms.CharField(label=_("姓名"), max_length=64, help_text=_("与证件一致。"))
    grade = forms.TypedChoiceField(
        label=_("残疾军人证等级"),
        choices=[("", _("不是残疾军人证"))]
        + [(str(g), _("%(g)s级") % {"g": g}) for g in range(1, 11)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("仅残疾军人证填写；残疾人证的等级以残疾人信息库为准。"),
    )
    resident_id = IdentifierField(
        label=_("持证人公民身份号码"),
        max_length=18,
        required=False,
        help_text=_("仅残疾军人证填写，用于核对就业年龄段。"),
    )
    employment_form = forms.ChoiceField(
        label=_("用工形式"), choices=EmploymentForm.choices, initial=EmploymentForm.LABOUR_CONTRACT
    )
    contract_start = forms.DateField(
        label=_("合同起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contract_end = forms.DateField(
        label=_("合同终止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("无固定期限合同留空。"),
    )
    post = forms.CharField(label=_("岗位"), max_length=100, required=False)
    social_insurance_months = forms.TypedMultipleChoiceField(
        label=_("足额缴纳社会保险的月份"),
        choices=[(str(m), month_label(m)) for m in MONTHS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dispatch_agency = IdentifierField(
        label=_("派遣单位统一社会信用代码"), max_length=18, required=False
    )
    dispatch_assigns_to = forms.ChoiceField(
        label=_("派遣协议约定计入"),
        choices=[("", _("没有约定")), *DispatchAssignment.choices],
        required=False,
    )

    def __init__(self, *args: Any, stored: LineInput | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored
        for month, name in zip(MONTHS, WAGE_FIELDS, strict=True):
            self.fields[name] = AmountField(
                label=month_label(month), required=False, below=_WAGE_CEILING
            )
        self.order_fields(
            [
                "certificate_kind",
                "certificate_number",
                "name",
                "grade",
                "resident_id",
                "employment_form",
                "contract_start",
                "contract_end",
                "post",
                *WAGE_FIELDS,
                "social_insurance_months",
            ]
        )
        for name in ("certificate_number", "resident_id", "dispatch_agency"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        if stored is not None:
            self.fields["certificate_number"].required = False
            self.fields["certificate_number"].help_text = _(
                "已填写（不在表中显示）；留空即保持不变，要改正时填写新的号码。"
            )
            if stored.resident_id:
                self.fields["resident_id"].help_text = _("已填写（不在表中显示）；留空即保持不变。")

    @staticmethod
    def initial_for(line: LineInput) -> dict[str, Any]:
        """A stored line as the form's first values, its numbers left out."""
        initial: dict[str, Any] = {
            "certificate_kind": line.certificate_kind,
            "name": line.name,
            "grade": line.grade if line.certificate_kind == CertificateKind.VETERAN else None,
            "employment_form": line.employment_form,
            "contract_start": line.contract_start,
            "contract_end": line.contract_end,
            "post": line.post,
            "social_insurance_months": [str(m) for m in sorted(line.social_insurance_months)],
            **{f"wage_{m}": wage for m, wage in line.wages.items()},
        }
        if line.dispatch is not None:
            initial["dispatch_agency"] = line.dispatch.agency
            initial["dispatch_assigns_to"] = line.dispatch.agreement_assigns_to or ""
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        veteran = data.get("certificate_kind") == CertificateKind.VETERAN
        if veteran and data.get("grade") is None and "grade" not in self.errors:
            self.add_error("grade", _("残疾军人证请选择等级（1–10级）。"))
        stored_id = self.stored.resident_id if self.stored else ""
        if (
            veteran
            and not (data.get("resident_id") or stored_id)
            and "resident_id" not in self.errors
        ):
            self.add_error("resident_id", _("残疾军人证请填写持证人的公民身份号码。"))
        if not any(data.get(name) is not None for name in WAGE_FIELDS) and not self.errors.get(
            "wage_1"
        ):
            self.add_error("wage_1", _("请至少填写一个月的实发工资。"))
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", _("合同终止日期早于起始日期。"))
        return data

    def line(self) -> LineInput:
        """The line as typed (after `is_valid`); an empty number keeps the stored one."""
        data = self.cleaned_data
        stored = self.stored
        kind = data["certificate_kind"]
        veteran = kind == CertificateKind.VETERAN
        form = data["employment_form"]
        dispatch = None
        if form == EmploymentForm.DISPATCHED:
            dispatch = DispatchInput(
                agency=data.get("dispatch_agency") or "",
                agreement_assigns_to=data.get("dispatch_assigns_to") or None,
            )
        return LineInput(
            line=stored.line if stored else 0,
            certificate_kind=kind,
            certificate_number=data["certificate_number"]
            or (stored.certificate_number if stored else ""),
            name=data["name"].strip(),
            grade=data.get("grade") if veteran else None,
            resident_id=(data.get("resident_id") or (stored.resident_id if stored else ""))
            if veteran
            else "",
            employment_form=form,
            contract_start=data.get("contract_start"),
            contract_end=data.get("contract_end"),
            post=(data.get("post") or "").strip(),
            wages={
                month: data[name]
                for month, name in zip(MONTHS, WAGE_FIELDS, strict=True)
                if data.get(name) is not None
            },
            social_insurance_months=frozenset(data.get("social_insurance_months") or ()),
            dispatch=dispatch,
        )
