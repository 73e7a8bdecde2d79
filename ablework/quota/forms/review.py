"""The federation's review forms on a declaration: certify, return (a reason overall and one
per roster line), reject (a reason). Each carries the version the page was opened on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.core.forms import VersionedForm
from ablework.quota.models import RejectionKind, RosterLine

REASON_WIDGET = forms.Textarea(attrs={"rows": 3})


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label=gettext_lazy("退回理由"),
        required=False,
        max_length=1000,
        widget=REASON_WIDGET,
        help_text=gettext_lazy("可以只填写下面某几行的理由。"),
    )

    def __init__(self, *args: Any, lines: Iterable[RosterLine], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in lines:
            self.fields[f"line_{row.line}"] = forms.CharField(
                label=_("第 %(n)s 行（%(name)s）的退回理由")
                % {"n": row.line + 1, "name": row.name},
                required=False,
                max_length=1000,
            )

    def line_reasons(self) -> dict[int, str]:
        """The reasons typed for lines, by the line's 0-based index."""
        return {
            int(name.removeprefix("line_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("line_") and value.strip()
        }


class RejectForm(VersionedForm):
    reason_kind = forms.ChoiceField(
        label=gettext_lazy("理由类别"),
        choices=RejectionKind.choices,
        initial=RejectionKind.OTHER,
        required=False,  # not chosen: 其他原因
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "认定虚假安排残疾人就业的，系统会提出一条用人单位信用记录，由有权限的工作人员确认。"
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("不予通过的理由"), max_length=1000, widget=REASON_WIDGET
    )
