"""The correction of a certified declaration: a reason, the figures (as the facts form has
them), lines to remove, and optionally a roster file in the template that replaces the roster."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.quota.forms.facts import HEADCOUNT_FIELDS, FactsForm
from ablework.quota.forms.review import REASON_WIDGET
from ablework.quota.models import RosterLine


class CorrectionForm(FactsForm):
    reason = forms.CharField(
        label=gettext_lazy("更正理由"),
        max_length=1000,
        widget=REASON_WIDGET,
        help_text=gettext_lazy("写明为什么更正、依据什么材料；用人单位会收到这条理由。"),
    )
    remove_lines = forms.MultipleChoiceField(
        label=gettext_lazy("从名单中删除的行"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(
        label=gettext_lazy("更正后的名单文件（可选）"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=gettext_lazy(
            "按“残疾职工名单模板”填写；读入后替换整份名单。不改名单时不用选择文件。"
        ),
    )

    def __init__(self, *args: Any, lines: Iterable[RosterLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        remove = self.fields["remove_lines"]
        assert isinstance(remove, forms.MultipleChoiceField)
        remove.choices = [
            (str(row.line), _("第 %(n)s 行（%(name)s）") % {"n": row.line + 1, "name": row.name})
            for row in lines
        ]
        self.order_fields(
            ["reason", "headcount_kind", *HEADCOUNT_FIELDS, "annual_average", "wage_total"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("file") and data.get("remove_lines"):
            self.add_error(
                "remove_lines", _("读入名单文件会替换整份名单，请不要同时选择要删除的行。")
            )
        return data

    def removed(self) -> set[int]:
        return {int(value) for value in self.cleaned_data.get("remove_lines") or ()}
