"""The form that starts batch recommendations: a county or city of the user's area and the day
to match as of."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DATE_WIDGET, DomainForm


class BatchForm(DomainForm):
    region = forms.ChoiceField(
        label=_("地区"), help_text=_("为这个市或县（市、区）未就业的登记残疾人计算推荐岗位。")
    )
    on = forms.DateField(
        label=_("匹配日期"),
        widget=DATE_WIDGET,
        help_text=_("按这一天仍在招聘的岗位和当天在用的匹配权重计算，通常是今天。"),
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = regions  # type: ignore[attr-defined]
