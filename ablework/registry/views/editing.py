"""Registering a person and changing a record: the edit form, flags, training and checks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.errors import DomainError
from ablework.core.form_pages import form_page
from ablework.core.selectors import place_menus
from ablework.registry.access import access_person
from ablework.registry.audit_actions import VERSIONED_ACTIONS
from ablework.registry.forms.circumstances import VerifyForm
from ablework.registry.forms.person import (
    KEEP_WHEN_EMPTY,
    RECORD_FIELDS,
    PersonCreateForm,
    PersonEditForm,
)
from ablework.registry.forms.purposes import SENSITIVE_NOTICE
from ablework.registry.models import Person
from ablework.registry.services import (
    edit_person,
    mark_verified,
    register_checked_person,
    require_active,
)
from ablework.registry.viewing import shows_persons
from ablework.registry.views.record import render_record


def record_url(person: Person) -> str:
    """The record page of a person."""
    return reverse("registry:person_detail", args=[person.pk])


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    """Register a new person; sex, birth date, category and grade are read from the numbers."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.PERSONS_EDIT)
    form = PersonCreateForm(request.POST or None, **place_menus(user))
    return form_page(
        request,
        form,
        template="registry/person_form.html",
        save=lambda data: register_checked_person(
            actor=user,
            resident_id=data["resident_id"],
            certificate_number=data["certificate_number"],
            details=form.details(),
        ),
        done=lambda person: _("已登记 %(name)s。") % {"name": person.name},
        next_url=record_url,
        context={"person": None, "sensitive_notice": SENSITIVE_NOTICE},
    )


def _initial(person: Person) -> dict[str, Any]:
    initial = {name: getattr(person, name, "") for name in RECORD_FIELDS if hasattr(person, name)}
    for name in KEEP_WHEN_EMPTY:
        initial[name] = ""
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Change a person's record through the audited, history-keeping service."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    require_active(person)
    initial = {**_initial(person), "version": person.version}
    form = PersonEditForm(request.POST or None, initial=initial, person=person, **place_menus(user))
    return form_page(
        request,
        form,
        template="registry/person_form.html",
        save=lambda data: edit_person(
            actor=user, person=person, changes=form.changes(), seen_version=data["version"]
        ),
        done=_("已保存修改。"),
        next_url=record_url(person),
        context={"person": person, "sensitive_notice": SENSITIVE_NOTICE},
        versioned=(person, VERSIONED_ACTIONS),
    )


@login_required
@require_http_methods(["POST"])
@shows_persons
def person_verify(request: HttpRequest, person_id: int) -> HttpResponse:
    """Mark one person's record as checked (from the record page)."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    form = VerifyForm(request.POST, auto_id="verify-%s")
    if form.is_valid():
        try:
            data = form.cleaned_data
            mark_verified(
                actor=user,
                persons=Person.objects.filter(pk=person.pk),
                on=data["verified_on"],
                method=data["method"],
                note=data["note"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已记录核实。"))
            return HttpResponseRedirect(record_url(person))
    response = render_record(request, person, verify_form=form)
    response.status_code = 400
    return response
