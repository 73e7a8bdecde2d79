"""The forms of the risk-drawn sample and of bulk certification: drawing a sample (one county or
the whole area), uploading a proof (its kind, the roster line or the whole declaration, the
file), the deeper check's outcome (on the check's version), and confirming a bulk preview."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.quota.models import DeepCheckOutcome, ProofKind, RosterLine
from ablework.quota.risk import parameters as p

WHOLE_DECLARATION = ""


class DrawForm(DomainForm):
    county = forms.ChoiceField(label=_("县级区划"), required=False)

    def __init__(self, *args: Any, counties: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("全部")), *counties]  # type: ignore[attr-defined]


class ProofForm(DomainForm):
    kind = forms.ChoiceField(label=_("材料类型"), choices=ProofKind.choices)
    line = forms.ChoiceField(label=_("对应名单行"), required=False)
    file = forms.FileField(
        label=_("选择文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(p.PROOF_TYPES)}),
        allow_empty_file=True,  # the service says the file is empty, in its own words
    )

    def __init__(
        self,
        *args: Any,
        lines: Iterable[RosterLine],
        refused: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused
        self.fields["line"].choices = [  # type: ignore[attr-defined]
            (WHOLE_DECLARATION, _("整份申报")),
            *((str(row.line), f"{row.line + 1}：{row.name}") for row in lines),
        ]
        self.fields["file"].help_text = format_lazy(
            _("PDF、JPG 或 PNG 文件（扫描件或照片），每个最大 {size}。"),
            size=filesizeformat(p.PROOF_MAX_BYTES),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.refused:
            self.errors.pop("file", None)
            self.add_error("file", self.refused)
        return cleaned

    def line_index(self) -> int | None:
        value = self.cleaned_data.get("line", WHOLE_DECLARATION)
        return int(value) if value else None


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("核查结论"),
        choices=[
            (DeepCheckOutcome.CONFIRMED.value, DeepCheckOutcome.CONFIRMED.label),
            (DeepCheckOutcome.PROBLEMS.value, DeepCheckOutcome.PROBLEMS.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("核查说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("发现问题时必填：写明核查了什么、发现了什么。"),
    )


class BulkConfirmForm(DomainForm):
    county = forms.CharField(widget=forms.HiddenInput, max_length=6)
    items = forms.CharField(widget=forms.HiddenInput, max_length=20000, required=False)
