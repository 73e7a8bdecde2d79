"""The declaration's facts: 在职职工人数 (twelve monthly counts or the annual average) and the
wage total (在职职工工资总额)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import VersionedForm
from ablework.quota.forms.fields import MONTHS, AmountField, month_label
from ablework.quota.inputs import Headcount
from ablework.quota.models import Declaration

MONTHLY, ANNUAL = "monthly", "annual"
HEADCOUNT_FIELDS = tuple(f"headcount_{month}" for month in MONTHS)


class FactsForm(VersionedForm):
    """Headcount by month or as the annual average, and the year's wage total."""

    fieldsets = ((_("各月在职职工人数（按月填写时填写）"), HEADCOUNT_FIELDS),)

    headcount_kind = forms.ChoiceField(
        label=_("在职职工人数的填写方式"),
        choices=[(MONTHLY, _("按月填写（1月至12月）")), (ANNUAL, _("只填写年平均人数"))],
        widget=forms.RadioSelect,
        initial=MONTHLY,
    )
    annual_average = forms.DecimalField(
        label=_("在职职工年平均人数"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("按年平均人数填写时填写，如 203.17。"),
    )
    wage_total = AmountField(
        label=_("在职职工工资总额（元）"),
        below=Decimal(10) ** 14,
        help_text=_("上年度在职职工工资总额，如 16320000.00。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for month, name in zip(MONTHS, HEADCOUNT_FIELDS, strict=True):
            self.fields[name] = forms.IntegerField(
                label=month_label(month), min_value=0, max_value=10**9, required=False
            )
        self.order_fields(["headcount_kind", *HEADCOUNT_FIELDS, "annual_average", "wage_total"])

    @classmethod
    def initial_for(cls, row: Declaration) -> dict[str, Any]:
        """The stored facts as the form's first values."""
        initial: dict[str, Any] = {"version": row.version, "wage_total": row.wage_total}
        if row.headcount_monthly:
            initial["headcount_kind"] = MONTHLY
            initial.update(
                {f"headcount_{m}": n for m, n in zip(MONTHS, row.headcount_monthly, strict=False)}
            )
        elif row.headcount_annual_average is not None:
            initial["headcount_kind"] = ANNUAL
            initial["annual_average"] = row.headcount_annual_average
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("headcount_kind") == ANNUAL:
            if data.get("annual_average") is None and "annual_average" not in self.errors:
                self.add_error("annual_average", _("请填写在职职工年平均人数。"))
        elif data.get("headcount_kind") == MONTHLY:
            for month in MONTHS:
                name = f"headcount_{month}"
                if data.get(name) is None and name not in self.errors:
                    self.add_error(
                        name, _("请填写%(month)s的在职职工人数。") % {"month": month_label(month)}
                    )
        return data

    def headcount(self) -> Headcount:
        """The headcount as typed (after `is_valid`)."""
        data = self.cleaned_data
        if data["headcount_kind"] == ANNUAL:
            return Headcount(annual_average=data["annual_average"])
        return Headcount(monthly=tuple(data[f"headcount_{m}"] for m in MONTHS))
