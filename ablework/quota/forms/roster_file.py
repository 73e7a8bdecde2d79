"""Uploading a roster file in the contract's template, to replace the roster or add to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm

REPLACE, APPEND = "replace", "append"


class RosterFileForm(VersionedForm):
    file = forms.FileField(
        label=_("名单文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        help_text=_(
            "按“残疾职工名单模板”填写的 Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GBK 编码）。"
        ),
    )
    mode = forms.ChoiceField(
        label=_("读入后"),
        choices=[(REPLACE, _("替换现有名单")), (APPEND, _("添加到现有名单之后"))],
        widget=forms.RadioSelect,
        initial=REPLACE,
    )


class OpenForm(DomainForm):
    """Open this year's declaration, optionally starting from last year's roster."""

    reuse_last_year = forms.BooleanField(
        label=_("以上一年度申报的名单为基础（只带入人员和用工信息，工资和社保月份需重新填写）"),
        required=False,
    )
