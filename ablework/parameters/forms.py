"""The form to propose a local parameter value, and the one to decide on a pending value."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.core.models import Region
from ablework.parameters.services import check_name, check_value


class LocalValueForm(DomainForm):
    """What staff type: the parameter, their region (or one below), the date, value, reference."""

    name = forms.ChoiceField(label=_("参数"))
    region = forms.ChoiceField(
        label=_("区划"), help_text=_("该值适用于所选区划及其下级区划，优先于系统内置的数值。")
    )
    effective_from = forms.DateField(
        label=_("起始日期"),
        help_text=_("从这一天起适用，直到同一区划的下一个值。"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    value = forms.CharField(
        label=_("数值"),
        max_length=100,
        help_text=_("金额写数字，例如 2100 或 2100.50，不带逗号和“元”；日期写 年-月-日。"),
    )
    reference = forms.CharField(
        label=_("依据"),
        max_length=2000,
        help_text=_("文件名称、文号、发布日期和网址，便于审核人和日后查证。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        parameters: Sequence[tuple[str, str]],
        regions: QuerySet[Region],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = [(name, f"{text}（{name}）") for name, text in parameters]  # type: ignore[attr-defined]
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            (region.code, f"{region.name}（{region.code}）") for region in regions
        ]
        self.fields["value"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The value's check against the parameter's unit, shown with the form's own problems."""
        name, value = data.get("name"), data.get("value")
        return [lambda: check_value(check_name(name), value)] if name and value else []


class DecisionForm(forms.Form):
    """Approve, or send back with a reason."""

    decision = forms.ChoiceField(choices=[("approve", _("审核通过")), ("reject", _("退回"))])
    note = forms.CharField(label=_("退回理由"), max_length=200, required=False)
