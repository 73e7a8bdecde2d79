"""The forms of the targets pages: enter a target (for the region itself or a part of its
target for a child), change its figure on the version seen, approve or return it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.core.models import Region
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import Target, TargetSource
from ablework.indicators.services.targets import EARLIEST, LATEST, TargetFigures

DECISIONS = [("approve", _("审核通过")), ("reject", _("退回"))]


class FigureFields(DomainForm):
    """What a target states: its figure and where it comes from."""

    value = forms.CharField(
        label=_("目标值"),
        max_length=20,
        help_text=_("人数或人次写正整数，例如 8000；比率写百分数，例如 60 或 62.5。"),
    )
    source = forms.ChoiceField(
        label=_("来源"),
        choices=TargetSource.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "规划文件写明了这个数，选“规划文件规定”；本级把目标分给下级等文件未写的数，选工作人员录入。"
        ),
    )
    document = forms.CharField(
        label=_("依据文件"),
        max_length=200,
        help_text=_("规划或分解方案的名称、文号，照文件原样写。"),
    )
    section = forms.CharField(
        label=_("条款"), max_length=100, required=False, help_text=_("例如 一、工作目标。")
    )
    note = forms.CharField(
        label=_("说明"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("可摘录文件原话，或说明期间、口径如何确定。"),
    )

    def figures(self) -> TargetFigures:
        data = self.cleaned_data
        return TargetFigures(
            value=data["value"],
            source=data["source"],
            document=data["document"],
            section=data.get("section", ""),
            note=data.get("note", ""),
        )


class TargetForm(FigureFields):
    """录入目标: the region (this one or a child), the indicator, the years and the figure."""

    field_order = ("region", "indicator", "first_year", "last_year")
    region = forms.ChoiceField(
        label=_("地区"),
        help_text=_("选下级地区，即把本级同一指标、同一期间的目标分解给它。"),
    )
    indicator = forms.ChoiceField(label=_("指标"))
    first_year = forms.IntegerField(label=_("起始年度"), min_value=EARLIEST, max_value=LATEST)
    last_year = forms.IntegerField(
        label=_("截止年度"),
        min_value=EARLIEST,
        max_value=LATEST,
        help_text=_("整年；只有一年的目标，起止写同一年。"),
    )

    def __init__(self, *args: Any, regions: Sequence[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(region.code, region.name) for region in regions]  # type: ignore[attr-defined]
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (measure.code, f"{measure.name}（{measure.unit}）") for measure in catalogue()
        ]


class TargetChangeForm(VersionedForm, FigureFields):
    """修改目标, on the version the page was opened on."""


def change_initial(target: Target) -> dict[str, Any]:
    value = f"{target.value:.1f}" if target.value != int(target.value) else f"{int(target.value)}"
    return {
        "value": value,
        "source": target.source,
        "document": target.document,
        "section": target.section,
        "note": target.note,
        "version": target.version,
    }


class DecisionForm(VersionedForm):
    """审核通过, or 退回 with a reason; the service refuses the one who entered it."""

    decision = forms.ChoiceField(label=_("审核结果"), choices=DECISIONS, widget=forms.RadioSelect)
    decision_note = forms.CharField(
        label=_("退回理由"),
        max_length=200,
        required=False,
        help_text=_("退回时必填，录入人会看到。"),
    )
