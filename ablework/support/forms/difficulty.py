"""The forms of employment difficulty (就业困难认定): the application (the criteria of the list in
force, the circumstances, the date, up to PROOF_ROWS proofs each with what it is), and the
decisions on the application's version: recognise (validity typed, no default end), refuse
(reasons), revoke (date and reason)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.core.proof_files import PROOF_MAX_BYTES, PROOF_TYPES
from ablework.support.forms.plans import DecisionForm, _date_field
from ablework.support.services.difficulty import ProofUpload

PROOF_ROWS = 3


class ApplyForm(DomainForm):
    fieldsets: ClassVar[Sequence[tuple[str | Promise, Sequence[str]]]] = [
        (
            format_lazy(_("材料 {n}"), n=index),
            (f"proof_{index}_description", f"proof_{index}_file"),
        )
        for index in range(1, PROOF_ROWS + 1)
    ]
    criteria = forms.MultipleChoiceField(
        label=_("本人符合的认定情形"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("可多选。"),
    )
    circumstances = forms.CharField(
        label=_("情况说明"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("本人的具体情况，例如失业多久、家庭情况（可不填）。"),
    )
    applied_on = _date_field(_("申请日期"))

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        choices: Sequence[str],
        source: str,
        refused: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, **kwargs)
        self.refused = refused
        field = self.fields["criteria"]
        field.choices = [(item, item) for item in choices]  # type: ignore[attr-defined]
        if source:
            field.help_text = format_lazy(_("可多选。依据：{source}"), source=source)
        limit = filesizeformat(PROOF_MAX_BYTES)
        for index in range(1, PROOF_ROWS + 1):
            self.fields[f"proof_{index}_description"] = forms.CharField(
                label=format_lazy(_("材料 {n} 名称"), n=index),
                max_length=100,
                required=False,
                help_text=_("例如：残疾人证、失业登记证明、低保证明。"),
            )
            self.fields[f"proof_{index}_file"] = forms.FileField(
                label=format_lazy(_("材料 {n} 文件"), n=index),
                required=False,
                allow_empty_file=True,  # the service says the file is empty, in its own words
                widget=forms.ClearableFileInput(attrs={"accept": ",".join(PROOF_TYPES)}),
                help_text=format_lazy(
                    _("PDF、JPG 或 PNG 文件（扫描件或照片），每个最大 {size}。"), size=limit
                ),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.refused:
            self.add_error(None, self.refused)
        for index in range(1, PROOF_ROWS + 1):
            described = (cleaned.get(f"proof_{index}_description") or "").strip()
            if described and not cleaned.get(f"proof_{index}_file"):
                self.add_error(
                    f"proof_{index}_file",
                    _("写了材料名称，请同时选择这份材料的文件。"),
                )
        return cleaned

    def proofs(self) -> list[ProofUpload]:
        """The files chosen, each with what it is."""
        given = []
        for index in range(1, PROOF_ROWS + 1):
            upload = self.cleaned_data.get(f"proof_{index}_file")
            if upload:
                given.append(
                    ProofUpload(
                        description=self.cleaned_data.get(f"proof_{index}_description") or "",
                        name=upload.name,
                        size=upload.size,
                        content=upload,
                    )
                )
        return given


class RecogniseForm(DecisionForm):
    valid_from = _date_field(_("有效期起"), help_text=_("不能晚于今天。"))
    valid_until = _date_field(
        _("有效期止"),
        help_text=_("请按本地规定填写认定的有效期截止日；本系统没有预设的有效期。"),
    )
    reasons = forms.CharField(
        label=_("认定理由"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("可不填。"),
    )


class RefuseForm(DecisionForm):
    reasons = forms.CharField(
        label=_("不予认定的理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("请用本人能看懂的话写明不符合哪一项、缺少什么材料。"),
    )


class RevokeForm(DecisionForm):
    on = _date_field(_("撤销日期"), help_text=_("认定到这一天终止，不能晚于今天。"))
    reason = forms.CharField(
        label=_("撤销理由"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：已实现就业。"),
    )
