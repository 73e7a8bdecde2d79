"""The job seekers' forms: the search (`/matching/jobs/`, a plain GET form, each field labelled,
the conditions and the accommodations grouped under a legend) and withdrawing one's own referral
(我的推荐, on the version seen, with the reason)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm
from ablework.core.models import Region
from ablework.matching.models import PostingKind
from ablework.matching.selectors.seeker import MAX_WORDS, WORKPLACE, SeekerFilters
from ablework.support.vocabulary import Accommodation

ALL = [("", _("全部"))]
PROVIDED = [(a.value, a.label) for a in Accommodation if a not in WORKPLACE and a != "remote_work"]


class JobSearchForm(DomainForm):
    q = forms.CharField(
        label=_("关键词"),
        max_length=100,
        required=False,
        help_text=_("岗位名称、工作内容或招聘单位；几个词用空格分开，每个词都要有。"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    county = forms.ChoiceField(label=_("工作地点所在县（市、区）"), required=False)
    kind = forms.ChoiceField(
        label=_("岗位类型"), choices=ALL + list(PostingKind.choices), required=False
    )
    remote = forms.BooleanField(label=_("只看可以居家办公的岗位"), required=False)
    max_hours = forms.IntegerField(
        label=_("每周工作不超过（小时）"),
        min_value=1,
        max_value=84,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    min_wage = forms.DecimalField(
        label=_("月工资下限不低于（元）"),
        min_value=Decimal("0"),
        max_value=Decimal("999999"),
        decimal_places=2,
        required=False,
        help_text=_("只看月工资最低也有这么多的岗位。"),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    workplace = forms.MultipleChoiceField(
        label=_("工作场所的无障碍设施"),
        choices=[(a.value, a.label) for a in Accommodation if a in WORKPLACE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("勾选几项，只看这几项都有的岗位。"),
    )
    accommodations = forms.MultipleChoiceField(
        label=_("可以提供的便利条件"),
        choices=PROVIDED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("勾选几项，只看这几项都能提供的岗位。"),
    )

    fieldsets = (
        (_("找什么岗位"), ("q", "county", "kind")),
        (_("工作时间和工资"), ("remote", "max_hours", "min_wage")),
    )

    def __init__(self, *args: Any, counties: Iterable[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = ALL + [(c.code, c.name) for c in counties]  # type: ignore[attr-defined]

    def filters(self) -> SeekerFilters:
        """The filters from what was valid (a field with a problem does not narrow)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return SeekerFilters(
            words=" ".join((data.get("q") or "").split()[:MAX_WORDS]),
            county=data.get("county") or "",
            kind=data.get("kind") or "",
            remote=bool(data.get("remote")),
            max_hours=data.get("max_hours"),
            min_wage=data.get("min_wage"),
            offers=tuple(data.get("workplace") or ()) + tuple(data.get("accommodations") or ()),
        )


class WithdrawForm(VersionedForm):
    """撤回推荐: why, in the seeker's words (the counsellor reads them); on the version seen."""

    note = forms.CharField(
        label=_("撤回的原因"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：已经找到其他工作、路太远。就业服务专员会看到；最多 300 个字。"),
    )
