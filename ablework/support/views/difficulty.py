"""The pages of employment difficulty (就业困难认定): the application from a person's services page,
one application with its proofs and decision, the decision page (recognise or refuse; revoke a
recognition in force), a proof's download, the applications awaiting a decision, and the list
of recognised persons of the area (valid now, expiring soon, expired) with its .xlsx."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.downloads import file_download
from ablework.core.form_pages import form_page
from ablework.core.proof_files import proof_response
from ablework.core.region_names import region_name
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.core.uploads import upload_refused_message
from ablework.registry.viewing import shows_persons
from ablework.support.access import (
    DECIDE,
    RECORD,
    VIEW,
    access_application,
    person_for_support,
)
from ablework.support.audit_actions import DIFFICULTY_VERSION_ACTIONS
from ablework.support.exports import write_difficulty_xlsx
from ablework.support.forms.difficulty import ApplyForm, RecogniseForm, RefuseForm, RevokeForm
from ablework.support.models import DifficultyApplication, DifficultyState
from ablework.support.selectors.difficulty import (
    EXPIRING_SOON_DAYS,
    Validity,
    applications_of,
    awaiting_decision,
    criteria_for,
    proofs_of,
    recognised,
    validity_of,
)
from ablework.support.services.difficulty import (
    apply,
    open_proof,
    recognise,
    record_list_export,
    refuse,
    revoke,
)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _application_url(application: DifficultyApplication) -> str:
    return reverse("support:difficulty_application", args=[application.pk])


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, person_id: int) -> HttpResponse:
    """受理就业困难认定申请: the criteria of the person's place, the proofs."""
    user = _user(request)
    person = person_for_support(user, person_id, permission=RECORD)
    today = timezone.localdate()
    criteria = criteria_for(person, today)
    form = ApplyForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        choices=criteria.choices,
        source=criteria.source,
        refused=upload_refused_message(request),
        initial={"applied_on": today},
    )
    return form_page(
        request,
        form,
        template="support/difficulty/apply.html",
        save=lambda data: apply(
            actor=user,
            person_id=person.pk,
            criteria=data["criteria"],
            circumstances=data.get("circumstances") or "",
            applied_on=data["applied_on"],
            proofs=form.proofs(),
        ),
        done=_("已受理就业困难认定申请，等待另一名工作人员认定。"),
        next_url=_application_url,
        context={"person": person, "applications": applications_of(person)},
    )


def _application(user: User, application_id: int, permission: Any) -> DifficultyApplication:
    """The application, its person noted as shown (the view is logged)."""
    application = access_application(user, application_id, permission=permission)
    application.person = person_for_support(user, application.person_id, permission=permission)
    return application


def _facts(user: User, application: DifficultyApplication) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "application": application,
        "person": application.person,
        "proofs": proofs_of(application),
        "today": today,
        "validity": validity_of(application, today)
        if application.state == DifficultyState.RECOGNISED
        else "",
        "can_decide": user.has_named_permission(DECIDE),
        "own": application.recorded_by_id == user.pk,
    }


@login_required
@shows_persons
@require_GET
def application_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """一份就业困难认定: what was claimed and provided, and the decision."""
    user = _user(request)
    application = _application(user, application_id, VIEW)
    return render(request, "support/difficulty/application.html", _facts(user, application))


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def decide_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """认定: recognise or refuse a pending application; revoke a recognition in force."""
    user = _user(request)
    application = _application(user, application_id, DECIDE)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    initial = {"version": application.version}
    today = timezone.localdate()
    forms = {
        "recognise": RecogniseForm(
            request.POST if which == "recognise" else None,
            prefix="recognise",
            initial={**initial, "valid_from": today},
        ),
        "refuse": RefuseForm(
            request.POST if which == "refuse" else None, prefix="refuse", initial=initial
        ),
        "revoke": RevokeForm(
            request.POST if which == "revoke" else None,
            prefix="revoke",
            initial={**initial, "on": today},
        ),
    }
    context = {**_facts(user, application), "forms": forms, "which": which}
    saves = {
        "recognise": (
            lambda data: recognise(
                actor=user,
                application_id=application.pk,
                seen_version=data["version"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                reasons=data.get("reasons") or "",
            ),
            _("已认定为就业困难人员，登记库中的“就业困难人员”标记已同步。"),
        ),
        "refuse": (
            lambda data: refuse(
                actor=user,
                application_id=application.pk,
                seen_version=data["version"],
                reasons=data["reasons"],
            ),
            _("已作出不予认定的决定，并写明了理由。"),
        ),
        "revoke": (
            lambda data: revoke(
                actor=user,
                application_id=application.pk,
                seen_version=data["version"],
                on=data["on"],
                reason=data["reason"],
            ),
            _("已撤销认定，登记库中的“就业困难人员”标记已同时结束。"),
        ),
    }
    if which not in saves:
        return render(request, "support/difficulty/decide.html", context)
    save, done = saves[which]
    return form_page(
        request,
        forms[which],
        template="support/difficulty/decide.html",
        save=save,
        done=done,
        next_url=_application_url(application),
        context=context,
        versioned=(application, DIFFICULTY_VERSION_ACTIONS),
    )


@login_required
@require_GET
def proof_download(request: HttpRequest, application_id: int, proof_id: int) -> FileResponse:
    """A proof of an application the viewer may see (the viewing audited), never cached."""
    proof = open_proof(actor=_user(request), application_id=application_id, proof_id=proof_id)
    return proof_response(proof.file, filename=proof.original_name, content_type=proof.content_type)


@login_required
@require_GET
def pending_page(request: HttpRequest) -> HttpResponse:
    """待认定的申请: the area's pending applications, oldest first."""
    user = _user(request)
    require_permission(user, DECIDE)
    rows = list(awaiting_decision(user)[:200])
    return render(request, "support/difficulty/pending.html", {"rows": rows, "user": user})


def _listing(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    require_permission(user, VIEW)
    today = timezone.localdate()
    params = request.GET if request.method == "GET" else request.POST
    validity = params.get("validity", "")
    if validity not in dict(Validity.CHOICES):
        validity = ""
    township = params.get("township", "")
    everyone = recognised(user, today=today)
    townships = sorted(
        set(everyone.values_list("person__township_code", flat=True).order_by()) - {""}
    )
    if township not in townships:
        township = ""
    rows = recognised(user, today=today, validity=validity, township=township)
    return {
        "rows": rows,
        "today": today,
        "validity": validity,
        "validities": Validity.CHOICES,
        "township": township,
        "townships": [(code, region_name(code)) for code in townships],
        "soon_days": EXPIRING_SOON_DAYS,
        "can_decide": user.has_named_permission(DECIDE),
    }


@login_required
@require_GET
def list_page(request: HttpRequest) -> HttpResponse:
    """就业困难人员名单 of the viewer's area, with its filters."""
    listing = _listing(request)
    shown = list(listing["rows"][:500])
    today = listing["today"]
    listing["lines"] = [(row, validity_of(row, today)) for row in shown]
    listing["more"] = listing["rows"].count() > len(shown)
    listing["export_fields"] = [(key, listing[key]) for key in ("validity", "township")]
    return render(request, "support/difficulty/list.html", listing)


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def list_export(request: HttpRequest) -> FileResponse:
    """The list as filtered, as .xlsx (IDs masked); logged as an export naming each person."""
    listing = _listing(request)
    rows = listing["rows"]
    record_list_export(actor=_user(request), rows=rows, filters=listing)
    today = listing["today"]
    return file_download(
        lambda handle: write_difficulty_xlsx(rows, handle, today=today),
        filename=_("就业困难人员名单-%(day)s") % {"day": f"{today:%Y%m%d}"} + ".xlsx",
        content_type=XLSX_TYPE,
    )
