"""The forms of the submission pages: submit a period (a confirmation), and propose a revision
of locked figures (the indicators whose live data differs, and the reason). Decisions use the
targets' DecisionForm (审核通过 / 退回 with a reason, on the version seen)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm


class SubmitForm(DomainForm):
    """报送: the page shows what will be stored; the button confirms it."""


class RevisionForm(VersionedForm):
    """更正: which indicators, and why."""

    indicators = forms.MultipleChoiceField(
        label=_("要更正的指标"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("列出的是实时数据与锁定数不同的指标；所选指标按现在的实时数据更正。"),
    )
    reason = forms.CharField(
        label=_("更正理由"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明哪些数据改了、为什么，例如补录了哪几人的就业记录。上级审核时会看到。"),
    )

    def __init__(self, *args: Any, choices: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = list(choices)  # type: ignore[attr-defined]
