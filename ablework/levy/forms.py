"""The form that starts a season assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.core.models import Region


class AssessForm(DomainForm):
    levy_year = forms.IntegerField(
        label=_("费款所属年度"),
        min_value=2000,
        help_text=_("核定哪一年的残保金，例如 2025（上一年度）。"),
    )
    region = forms.ChoiceField(
        label=_("核定区划"), help_text=_("核定所选区划内的全部用人单位；原有的核定结果将被替换。")
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            (region.code, f"{region.name}（{region.code}）") for region in regions
        ]
