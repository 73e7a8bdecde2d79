"""The what-if form beside the worksheet: a hire (how many, which card and grade, from which
month), another wage total, another headcount. Submitted by GET; nothing is saved."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.quota.inputs import MONTHS_IN_YEAR, Headcount
from ablework.quota.models import CertificateKind
from ablework.quota.selectors.checker import rules_tree
from ablework.quota.selectors.what_if import MOST_HIRES, Hire, WhatIf, check_change
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.regions import NATIONAL_REGION
from ablework.rules.jurisdictions.cn.counting import CERTIFICATE_GRADES, CountingRules

AMOUNT_CEILING = Decimal("1e13")  # what the declaration's wage total can store


def national_grades() -> dict[str, list[int]]:
    """The countable grades by the national parameters in force today."""
    ctx = Evaluation(rules_tree(), NATIONAL_REGION, timezone.localdate())
    return CountingRules.read(ctx).eligible_grades


def grade_span(grades: Sequence[int]) -> str:
    """`[1, 2, 3, 4]` → `1–4`."""
    ordered = sorted(grades)
    return f"{ordered[0]}–{ordered[-1]}" if len(ordered) > 1 else str(ordered[0])


class WhatIfForm(DomainForm):
    """`change()` is the WhatIf of a valid form (no hire when the number is left blank)."""

    count = forms.IntegerField(
        label=_("假设招用人数"),
        required=False,
        min_value=1,
        max_value=MOST_HIRES,
        help_text=_("不假设招用人员时留空。"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    certificate_kind = forms.ChoiceField(
        label=_("证件类型"),
        choices=CertificateKind.choices,
        initial=CertificateKind.DISABILITY,
    )
    grade = forms.TypedChoiceField(
        label=_("残疾等级"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("请选择"))]
        + [
            (grade, _("%(grade)s 级") % {"grade": grade}) for grade in CERTIFICATE_GRADES["veteran"]
        ],
        help_text=_("残疾人证和残疾军人证可计入的等级以当地规定为准。"),
    )
    from_month = forms.TypedChoiceField(
        label=_("从几月起招用"),
        coerce=int,
        choices=[(m, _("%(month)s月") % {"month": m}) for m in range(1, MONTHS_IN_YEAR + 1)],
        initial=1,
        help_text=_("按从该月到12月每月在岗、足额缴纳社保计算。"),
    )
    wage_total = forms.DecimalField(
        label=_("假设的上年在职职工工资总额（元）"),
        required=False,
        min_value=0,
        max_value=AMOUNT_CEILING - 1,
        decimal_places=2,
        help_text=_("不改变工资总额时留空。写数字，例如 16320000.00。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    headcount_average = forms.DecimalField(
        label=_("假设的在职职工月平均人数"),
        required=False,
        min_value=0,
        max_value=Decimal("1e8") - 1,
        decimal_places=2,
        help_text=_("不改变在职职工人数时留空。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    fieldsets = ((_("假设招用残疾人"), ("count", "certificate_kind", "grade", "from_month")),)

    def __init__(
        self, *args: Any, grades: Mapping[str, Sequence[int]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.grades = grades
        if grades:
            self.fields["grade"].help_text = _(
                "可计入的等级：残疾人证 %(disability)s 级；残疾军人证 %(veteran)s 级。"
            ) % {
                "disability": grade_span(grades[CertificateKind.DISABILITY]),
                "veteran": grade_span(grades[CertificateKind.VETERAN]),
            }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("count") and data.get("grade") is None and "grade" not in self.errors:
            self.add_error("grade", _("假设招用人员时，请选择残疾等级。"))
        return data

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The grade must be a countable one for the card (the rules in force)."""
        if not data.get("count") or data.get("grade") is None:
            return []
        change = self._change(data)
        return [lambda: check_change(change, self.grades or national_grades())]

    def change(self) -> WhatIf:
        """The assumed change of a valid form."""
        return self._change(self.cleaned_data)

    @staticmethod
    def _change(data: Mapping[str, Any]) -> WhatIf:
        hires: tuple[Hire, ...] = ()
        if data.get("count") and data.get("grade") is not None:
            hires = (
                Hire(
                    grade=data["grade"],
                    certificate_kind=data.get("certificate_kind") or CertificateKind.DISABILITY,
                    from_month=data.get("from_month") or 1,
                    count=data["count"],
                ),
            )
        average = data.get("headcount_average")
        return WhatIf(
            hires=hires,
            wage_total=data.get("wage_total"),
            headcount=Headcount(annual_average=average) if average is not None else None,
        )
