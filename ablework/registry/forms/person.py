"""Forms for registering a person and changing their record; each field says why it is asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm, check_township_in_county, place_fields
from ablework.core.models import Region
from ablework.registry.forms.purposes import PURPOSES
from ablework.registry.models import EmploymentStatus, Person
from ablework.registry.services import (
    KEEP,
    PersonChanges,
    PersonDetails,
    read_identifiers,
    read_new_certificate,
)
from ablework.registry.services.persons import check_retirement_base_age

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BASE_AGE_CHOICES = [
    ("", _("未填写")),
    ("50", _("50周岁")),
    ("55", _("55周岁")),
    ("60", _("60周岁")),
]

# Encrypted fields are never put back into the edit form: an empty box keeps the stored value.
KEEP_WHEN_EMPTY = ("phone", "address")

# Fields staff fill in on both forms, in the order shown.
RECORD_FIELDS = (
    "name",
    "certificate_status",
    "certificate_valid_until",
    "phone",
    "address",
    "county_code",
    "township_code",
    "household_region_code",
    "residence_region_code",
    "urban_rural",
    "education",
    "retirement_base_age",
    "employment_status",
    "employment_kind",
    "employer_name",
    "skills",
    "occupations",
    "needs_sign_language",
    "needs_braille_or_large_print",
    "needs_easy_read",
    "communication_notes",
    "training_wished",
)


def _model_field(name: str, **overrides: Any) -> forms.Field:
    field = Person._meta.get_field(name).formfield(**overrides)  # type: ignore[union-attr]
    assert field is not None
    field.help_text = PURPOSES.get(name, "")
    return field


class PersonRecordForm(DomainForm):
    """The fields common to registration and editing."""

    fieldsets = (
        (
            _("沟通需要"),
            ("needs_sign_language", "needs_braille_or_large_print", "needs_easy_read"),
        ),
    )

    def __init__(
        self,
        *args: Any,
        counties: QuerySet[Region],
        townships: QuerySet[Region],
        township_fixed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in RECORD_FIELDS:
            if name in ("county_code", "township_code", "retirement_base_age", "employer_name"):
                continue
            widget = DATE_WIDGET if name == "certificate_valid_until" else None
            self.fields[name] = _model_field(name, **({"widget": widget} if widget else {}))
        # A township's staff register and keep records in their own township only.
        self.fields.update(
            place_fields(
                counties=counties,
                townships=townships,
                township_fixed=township_fixed,
                county_help=PURPOSES["county_code"],
                township_help=PURPOSES["township_code"],
            )
        )
        self.fields["retirement_base_age"] = forms.TypedChoiceField(
            label=_("原法定退休年龄"),
            choices=BASE_AGE_CHOICES,
            coerce=int,
            empty_value=None,
            required=False,
            help_text=PURPOSES["retirement_base_age"],
        )
        self.fields["employer_name"] = forms.CharField(
            label=_("就业单位"), max_length=200, required=False, help_text=PURPOSES["employer_name"]
        )
        self.order_fields(RECORD_FIELDS)

    def details(self) -> PersonDetails:
        """The record as typed, for the registry's services (after `is_valid`)."""
        data = self.cleaned_data
        return PersonDetails(
            name=data["name"],
            certificate_status=data["certificate_status"],
            certificate_valid_until=data["certificate_valid_until"],
            phone=data["phone"],
            address=data["address"],
            county_code=data["county_code"],
            township_code=data["township_code"],
            household_region_code=data["household_region_code"],
            residence_region_code=data["residence_region_code"],
            urban_rural=data["urban_rural"],
            education=data["education"],
            retirement_base_age=data["retirement_base_age"],
            employment_status=data["employment_status"],
            employment_kind=data["employment_kind"],
            employer_name=data["employer_name"],
            employment_since=data.get("employment_since"),
            skills=data["skills"],
            occupations=data["occupations"],
            needs_sign_language=data["needs_sign_language"],
            needs_braille_or_large_print=data["needs_braille_or_large_print"],
            needs_easy_read=data["needs_easy_read"],
            communication_notes=data["communication_notes"],
            training_wished=data["training_wished"],
        )

    def clean_household_region_code(self) -> str:
        return self._known_region("household_region_code")

    def clean_residence_region_code(self) -> str:
        return self._known_region("residence_region_code")

    def _known_region(self, name: str) -> str:
        code = str(self.cleaned_data.get(name) or "").strip()
        if code and not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(_("区划代码 %(code)s 不存在。"), params={"code": code})
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_township_in_county(self, data)
        employed = data.get("employment_status") == EmploymentStatus.EMPLOYED
        if employed and not data.get("employment_kind"):
            self.add_error("employment_kind", _("已就业时请选择就业形式。"))
        if not employed and data.get("employment_kind"):
            self.add_error("employment_kind", _("未就业时不填写就业形式。"))
        return data


class PersonCreateForm(PersonRecordForm):
    """Register a new person: the two numbers first, everything derivable is read from them."""

    resident_id = forms.CharField(
        label=_("公民身份号码"), max_length=24, help_text=PURPOSES["resident_id"]
    )
    certificate_number = forms.CharField(
        label=_("残疾人证号"), max_length=24, help_text=PURPOSES["certificate_number"]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(("resident_id", "certificate_number", *RECORD_FIELDS))
        for name in ("resident_id", "certificate_number"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The rules' checks of both numbers and of the original retirement age for the sex
        they give, shown with every other problem on the first submit."""
        return [lambda: check_identity(data)]


def check_identity(data: dict[str, Any]) -> None:
    """Check the resident ID and certificate number typed into a form (once the ID is typed),
    then the original retirement age against the sex the ID gives."""
    if not data.get("resident_id"):
        return
    facts = read_identifiers(
        resident_id=data["resident_id"],
        certificate_number=data.get("certificate_number", ""),
        on=timezone.localdate(),
    )
    if "retirement_base_age" in data:
        check_retirement_base_age(facts.sex, data["retirement_base_age"])


class PersonEditForm(VersionedForm, PersonRecordForm):
    """Change a person's record; a new certificate number re-reads category and grade."""

    certificate_number = forms.CharField(
        label=_("新残疾人证号"),
        max_length=24,
        required=False,
        help_text=_("换发新证（如等级变化）时填写，类别和等级将由新证号读取；不换证请留空。"),
    )
    employment_since = forms.DateField(
        label=_("就业状况变更日期"),
        required=False,
        widget=DATE_WIDGET,
        help_text=PURPOSES["employment_since"],
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["certificate_number"].widget.attrs.update({"autocomplete": "off"})
        for name in KEEP_WHEN_EMPTY:
            self.fields[name].required = False
        order = list(RECORD_FIELDS)
        order.insert(order.index("certificate_status"), "certificate_number")
        order.insert(order.index("employer_name") + 1, "employment_since")
        self.order_fields(order)

    def changes(self) -> PersonChanges:
        """What the form changes (after `is_valid`): every field it shows, but an empty new
        certificate number, phone or address keeps the stored one."""
        data = self.cleaned_data
        return replace(
            PersonChanges.to(self.details()),
            certificate_number=data["certificate_number"] or KEEP,
            phone=data["phone"] or KEEP,
            address=data["address"] or KEEP,
        )

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """A new certificate number and the original retirement age, checked by the rules on
        the first submit."""
        checks: list[Callable[[], object]] = []
        if number := data.get("certificate_number"):
            checks.append(
                lambda: read_new_certificate(person=self.person, certificate_number=number)
            )
        if "retirement_base_age" in data:
            age = data["retirement_base_age"]
            checks.append(lambda: check_retirement_base_age(self.person.sex, age))
        return checks
