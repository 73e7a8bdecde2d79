"""The base of every page form: a service's typed errors land on the fields they name, and every
problem is shown at once, the service's own checks included, on the first submit."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ablework.core.errors import DomainError
from ablework.core.models import Region

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


# A date typed in the browser's own date picker, sent as YYYY-MM-DD.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@dataclass(frozen=True)
class FieldGroup:
    """Fields shown together in a fieldset under one legend (a group of checkboxes, say)."""

    legend: str | Promise
    fields: list[forms.BoundField]
    help_text: str | Promise = ""


class DomainForm(forms.Form):
    """A form in front of one service.

    Subclasses may override `service_checks` to run the checks the service itself makes before
    it writes (an identifier's check digit, a rule of the rules engine), so that those problems
    appear together with the form's own on the first submit, not after the others are fixed.
    `fieldsets` groups fields under a legend: `((legend, (field, …)), …)`.
    """

    label_suffix = ""
    fieldsets: ClassVar[Sequence[tuple[str | Promise, Sequence[str]]]] = ()

    def service_checks(self, data: dict[str, Any]) -> Iterable[Callable[[], object]]:
        """Independent checks of the service, each raising its DomainError (override)."""
        return ()

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        for check in self.service_checks(dict(self.cleaned_data)):
            try:
                check()
            except DomainError as error:
                # a field already showing a problem keeps it ("required" beats "too short")
                self.add_domain_error(error, skip=set(self.errors))

    def add_domain_error(self, error: DomainError, *, skip: set[str] | None = None) -> None:
        """Put a service's error on the fields it names (or on the whole form)."""
        skip = skip or set()
        problems = error.field_problems()
        if not problems:
            self.add_error(None, error.message)
        for problem in problems:
            if problem.field not in skip:
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, problem.message)

    def layout(self) -> Iterator[forms.BoundField | FieldGroup]:
        """The fields in order, the grouped ones as one FieldGroup where the first of them is."""
        grouped = {name: legend for legend, names in self.fieldsets for name in names}
        shown: set[str | Promise] = set()
        for bound in self:
            legend = grouped.get(bound.name)
            if legend is None:
                yield bound
            elif legend not in shown:
                shown.add(legend)
                names = next(names for title, names in self.fieldsets if title == legend)
                yield FieldGroup(legend=legend, fields=[self[name] for name in names])


class VersionedForm(DomainForm):
    """A form that changes a versioned record: the version the page was opened on travels with
    it, so that a save on an older version is refused (409, with what the other person saved)
    instead of overwriting it. `version_required = False` where the same form also creates the
    record, which has no version yet."""

    version_required: ClassVar[bool] = True
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].required = self.version_required


def place_fields(
    *,
    counties: QuerySet[Region],
    townships: QuerySet[Region],
    township_fixed: bool = False,
    county_help: str | StrPromise = "",
    township_help: str | StrPromise = "",
) -> dict[str, forms.Field]:
    """The county and township of a record, as choices of the actor's (`core.selectors.
    place_menus`): a township's staff get their township only, never a blank."""
    blank = [] if township_fixed else [("", _("未填写"))]
    return {
        "county_code": forms.ChoiceField(
            label=_("所属县（市、区）"),
            choices=[(county.code, county.name) for county in counties],
            help_text=county_help,
        ),
        "township_code": forms.ChoiceField(
            label=_("乡镇（街道）"),
            choices=blank + [(township.code, township.name) for township in townships],
            required=township_fixed,
            help_text=township_help,
        ),
    }


def check_township_in_county(form: forms.Form, data: dict[str, Any]) -> None:
    """Put a problem on the township when it is not one of the chosen county's."""
    county, township = data.get("county_code", ""), data.get("township_code", "")
    if county and township and not township.startswith(county):
        form.add_error("township_code", _("所选乡镇（街道）不在所选县（市、区）内。"))
