"""The forms of concentrated employment (core.forms.DomainForm)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.concentrated.models import UnitType
from ablework.concentrated.selectors import MONTHS
from ablework.concentrated.services import UnitDetails
from ablework.core.forms import DomainForm, VersionedForm


class UnitForm(DomainForm):
    unit_type = forms.ChoiceField(
        label=_("集中就业单位类型"), choices=UnitType.choices, widget=forms.RadioSelect
    )
    recognised_from = forms.DateField(
        label=_("认定日期"),
        help_text=_("从哪一天起认定为集中就业单位，格式如 2023-01-01。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    recognition_reference = forms.CharField(
        label=_("认定依据"),
        required=False,
        max_length=200,
        help_text=_("认定文件的文号或名称，可不填。"),
    )

    def details(self) -> UnitDetails:
        data = self.cleaned_data
        return UnitDetails(
            unit_type=data["unit_type"],
            recognised_from=data["recognised_from"],
            recognition_reference=data.get("recognition_reference") or "",
        )


class UnitRegisterForm(UnitForm):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=18,
        help_text=_("本辖区已登记的用人单位的统一社会信用代码（18位）。"),
    )
    field_order = ["uscc", "unit_type", "recognised_from", "recognition_reference"]


class UnitEditForm(VersionedForm, UnitForm):
    """A unit's details, edited on the version the page was opened on."""


class VatForm(VersionedForm):
    """The VAT paid in each month of a year, 元 to the fen; blank: not known."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for month in MONTHS:
            self.fields[f"month_{month}"] = forms.DecimalField(
                label=_("%(month)s月已缴增值税（元）") % {"month": month},
                required=False,
                min_value=Decimal("0"),
                max_digits=14,
                decimal_places=2,
            )

    def amounts(self) -> dict[int, Decimal | None]:
        return {month: self.cleaned_data.get(f"month_{month}") for month in MONTHS}
