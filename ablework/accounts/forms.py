"""The form staff use to record a family member's consent to act for a person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm


class ConsentForm(DomainForm):
    """The consent of the person whose record the page was opened from (no record number is
    typed: staff start from the person's record page)."""

    family_username = forms.CharField(label=_("家属账户用户名"), max_length=150)
    relationship = forms.CharField(label=_("与本人的关系"), max_length=32)
    evidence = forms.CharField(label=_("授权依据"), max_length=200)
    valid_until = forms.DateField(
        label=_("有效期至（可不填）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "c-%s")
        super().__init__(*args, **kwargs)
