"""Form fields of the declaration pages: amounts read as staff write them (2,600.00元)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.exchange.cells import CellProblem, parse_amount

MONTHS = range(1, 13)


def month_label(month: int) -> str:
    return str(_("%(month)s月") % {"month": month})


class AmountField(forms.CharField):
    """An amount in 元 to the fen; `2,600.00`, `2600元` and `￥2600` read as 2600.00."""

    def __init__(self, *, below: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.below = below
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": "24"})

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            amount = parse_amount(text)
        except CellProblem as problem:
            raise forms.ValidationError(problem.message) from None
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("金额不能为负数。"))
        if amount is not None and self.below is not None and amount >= self.below:
            raise forms.ValidationError(
                _("金额过大（应小于 %(limit)s 元）。") % {"limit": self.below}
            )
        return amount
