"""Choosing the levy year and the area of reminders (催报)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.core.models import Region

# The levy years offered: this year's (last calendar year) and the few before it.
YEARS_OFFERED = 3


class ReminderForm(DomainForm):
    year = forms.TypedChoiceField(label=_("费款所属期（年度）"), coerce=int)
    area = forms.ChoiceField(label=_("地区"))

    def __init__(
        self, *args: Any, years: Sequence[int], areas: Sequence[Region], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        area_field = self.fields["area"]
        assert isinstance(year_field, forms.ChoiceField)
        assert isinstance(area_field, forms.ChoiceField)
        year_field.choices = [(year, _("%(year)s 年度") % {"year": year}) for year in years]
        area_field.choices = [(region.code, region.name) for region in areas]
