"""What the four records' forms share: the version a correction was opened on, the day of the
record, the worker who gave it and the notes (encrypted: they may hold health data), and a new
record's defaults."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DATE_WIDGET, VersionedForm

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def day_field(label: StrPromise) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET)


class RecordForm(VersionedForm):
    """What every record's form has: the version it was opened on (a correction), the worker
    and notes (encrypted: they may hold health data)."""

    version_required = False


def given_by_field(label: StrPromise) -> forms.CharField:
    return forms.CharField(label=label, max_length=64)


def notes_field() -> forms.CharField:
    return forms.CharField(
        label=_("备注"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("可能涉及健康情况，加密保存，只有可查看完整信息的人员能看到。"),
    )


def new_initial(*, given_by: str, on: date) -> dict[str, Any]:
    """A new record's defaults: today, the worker's own name."""
    return {"on": on, "given_by": given_by}
