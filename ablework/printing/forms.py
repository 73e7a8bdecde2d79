"""The form staff withdraw an issued document with."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因"),
        max_length=200,
        help_text=_("记入登记簿和审计日志，不在公开核验页上显示。"),
    )
