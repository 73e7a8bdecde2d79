"""The pages of the "四个一" for staff: the person's services page (the cycle's four with the
day each was last given, every record newest first, the latest assessment and needs in words)
and the four forms that record — or correct, on the version the form was opened with — an
information check, an assessment, a needs registration and a service. Every page shows the
person's data and logs the view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.registry.models import Person
from ablework.registry.viewing import shows_persons
from ablework.support.access import RECORD, VIEW, access_record, person_for_support
from ablework.support.audit_actions import SupportAction
from ablework.support.forms.records import (
    AssessmentForm,
    CheckForm,
    NeedsForm,
    RecordForm,
    ServiceForm,
    abilities_initial,
)
from ablework.support.models import (
    Assessment,
    InformationCheck,
    NeedsRegistration,
    PersonRecord,
    ServiceRecord,
)
from ablework.support.selectors.records import (
    ability_words,
    accommodation_labels,
    latest,
    method_labels,
    person_history,
)
from ablework.support.services.households import open_household_of
from ablework.support.services.records import (
    record_assessment,
    record_check,
    record_needs,
    record_service,
)

# Every correction of a record advances its version with one of these.
VERSION_ACTIONS = (
    SupportAction.CHECK,
    SupportAction.ASSESS,
    SupportAction.NEEDS,
    SupportAction.SERVE,
)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _person_url(person: Person) -> str:
    return reverse("support:person", args=[person.pk])


@login_required
@shows_persons
def person_services(request: HttpRequest, person_id: int) -> HttpResponse:
    """就业服务记录: one person's 四个一."""
    user = _user(request)
    person = person_for_support(user, person_id, permission=VIEW)
    history = person_history(person)
    assessment = history.assessment
    return render(
        request,
        "support/records/person.html",
        {
            "person": person,
            "history": history,
            "can_record": user.has_named_permission(RECORD),
            "abilities": ability_words(assessment.abilities) if assessment else [],
            "assessment_needs": accommodation_labels(assessment.needs) if assessment else [],
            "assessment_methods": method_labels(assessment.methods) if assessment else [],
            "needs_accommodations": accommodation_labels(history.needs.needs)
            if history.needs
            else [],
            "today": timezone.localdate(),
            "household": open_household_of(person),
        },
    )


def _record_page(
    request: HttpRequest,
    person_id: int,
    record_id: int | None,
    *,
    model: type[PersonRecord],
    form_class: type[RecordForm],
    heading: Promise,
    template: str,
    save: Callable[[User, Person, Any, dict[str, Any], int | None], Any],
    done: Promise,
    initial_new: Callable[[Person], dict[str, Any]] | None = None,
) -> HttpResponse:
    user = _user(request)
    person = person_for_support(user, person_id, permission=RECORD)
    record: PersonRecord | None = None
    if record_id is not None:
        record = access_record(user, model, record_id, permission=RECORD)
        if record.person_id != person.pk:
            raise NotFound(_("没有找到该服务记录。"))
        initial = form_class.initial_of(record)  # type: ignore[attr-defined]
    else:
        initial = {**(initial_new(person) if initial_new else {})}
        initial.update(on=timezone.localdate(), given_by=user.display_name or str(user))
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    return form_page(
        request,
        form,
        template=template,
        save=lambda data: save(user, person, form, data, record_id),
        done=done,
        next_url=_person_url(person),
        context={"person": person, "heading": heading, "record": record},
        versioned=(record, VERSION_ACTIONS) if record is not None else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def check_page(request: HttpRequest, person_id: int, record_id: int | None = None) -> HttpResponse:
    return _record_page(
        request,
        person_id,
        record_id,
        model=InformationCheck,
        form_class=CheckForm,
        heading=gettext_lazy("基础信息核对")
        if record_id is None
        else gettext_lazy("更正基础信息核对"),
        template="support/records/check.html",
        save=lambda user, person, form, data, rid: record_check(
            actor=user,
            person_id=person.pk,
            check=form.check(),
            corrections=form.corrections(),
            record_id=rid,
            version=data.get("version"),
        ),
        done=gettext_lazy("已记录基础信息核对；发现的变化已写入残疾人信息库。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def assessment_page(
    request: HttpRequest, person_id: int, record_id: int | None = None
) -> HttpResponse:
    def from_latest(person: Person) -> dict[str, Any]:
        """A new assessment starts from the latest one's abilities (what is known)."""
        previous = latest(Assessment, person)
        return abilities_initial(previous.abilities) if previous else {}

    return _record_page(
        request,
        person_id,
        record_id,
        model=Assessment,
        form_class=AssessmentForm,
        heading=gettext_lazy("职业能力评估")
        if record_id is None
        else gettext_lazy("更正职业能力评估"),
        template="support/records/assessment.html",
        save=lambda user, person, form, data, rid: record_assessment(
            actor=user,
            person_id=person.pk,
            assessment=form.assessment(),
            record_id=rid,
            version=data.get("version"),
        ),
        done=gettext_lazy("已记录职业能力评估。"),
        initial_new=from_latest,
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def needs_page(request: HttpRequest, person_id: int, record_id: int | None = None) -> HttpResponse:
    def from_latest(person: Person) -> dict[str, Any]:
        """A new registration starts from the latest one (needs change little at a time)."""
        previous = latest(NeedsRegistration, person)
        if previous is None:
            return {}
        initial = NeedsForm.initial_of(previous)
        initial.pop("version")
        initial.pop("notes")
        return initial

    return _record_page(
        request,
        person_id,
        record_id,
        model=NeedsRegistration,
        form_class=NeedsForm,
        heading=gettext_lazy("就业需求登记")
        if record_id is None
        else gettext_lazy("更正就业需求登记"),
        template="support/records/form.html",
        save=lambda user, person, form, data, rid: record_needs(
            actor=user,
            person_id=person.pk,
            needs=form.needs_input(),
            record_id=rid,
            version=data.get("version"),
        ),
        done=gettext_lazy("已登记就业需求。"),
        initial_new=from_latest,
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def service_page(
    request: HttpRequest, person_id: int, record_id: int | None = None
) -> HttpResponse:
    return _record_page(
        request,
        person_id,
        record_id,
        model=ServiceRecord,
        form_class=ServiceForm,
        heading=gettext_lazy("记录就业服务")
        if record_id is None
        else gettext_lazy("更正就业服务记录"),
        template="support/records/form.html",
        save=lambda user, person, form, data, rid: record_service(
            actor=user,
            person_id=person.pk,
            service=form.service(),
            record_id=rid,
            version=data.get("version"),
        ),
        done=gettext_lazy("已记录就业服务。"),
    )
