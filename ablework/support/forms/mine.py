"""The forms of the person's own view: their word on a service, a correction request, and the
staff's answer to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.support.models import FeedbackKind


class FeedbackForm(DomainForm):
    kind = forms.ChoiceField(
        label=_("这次服务有没有发生？"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("说明"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("投诉时请写几句：没有发生，还是与记录不符？"),
    )


class CorrectionForm(DomainForm):
    about = forms.CharField(
        label=_("哪一条记录"),
        max_length=100,
        required=False,
        help_text=_("例如“2026 年 10 月的岗位推荐”或“评估结论”，可不填。"),
    )
    text = forms.CharField(
        label=_("哪里不对，应当是什么"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("答复"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明已更正了什么，或为什么不需要更正。本人和代办家属会看到答复。"),
    )
