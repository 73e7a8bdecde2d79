"""The pages of an event's registrations: the list with the access needs to prepare (counts and
who; audited, since needs are personal data), registering a person of one's area, one
registration (its needs, changed on the version seen), the day's outcome, and cancelling."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.audit import record_audit, record_audit_persons
from ablework.core.form_pages import form_page
from ablework.core.masking import mask_free_text
from ablework.core.models import AuditKind
from ablework.matching.event_audit_actions import REGISTRATION_VERSION_ACTIONS, EventAction
from ablework.matching.event_forms import (
    CancelForm,
    NeedsForm,
    OutcomeForm,
    RegisterForm,
    outcome_initial,
)
from ablework.matching.models import EventRegistration, RecruitmentEvent
from ablework.matching.selectors.events import (
    MANAGE,
    access_event,
    access_registration,
    event_postings,
    event_registrations,
    may_keep,
    needs_to_prepare,
    viewer_region,
)
from ablework.matching.services.event_registrations import (
    cancel_registration,
    needs_in_words,
    record_outcome,
    register_person,
    update_needs,
)
from ablework.registry.access import persons_visible_to
from ablework.registry.models import Person


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _list_url(event: RecruitmentEvent) -> str:
    return reverse("matching:event_registrations", args=[event.pk])


def _other(user: User, registration: EventRegistration) -> str:
    """The free text as the viewer may read it (已填写 without the reveal permission)."""
    text = registration.needs_other or ""
    return text if user.has_named_permission(Permission.PERSONS_REVEAL) else mask_free_text(text)


@login_required
def registrations(request: HttpRequest, event_id: int) -> HttpResponse:
    """报名名单和无障碍需要: the viewer's persons registered, what each needs, and per need how
    many and who, with whether the venue already provides it. One audit record per view, which
    each person listed finds in their access log."""
    user = _user(request)
    event = access_event(user, event_id)
    rows = event_registrations(user, event)
    record = record_audit(
        actor=user,
        kind=AuditKind.VIEW,
        action=EventAction.NEEDS_VIEW,
        target=event,
        target_label=_("%(event)s 报名 %(count)d 人") % {"event": event.name, "count": len(rows)},
        region_code=viewer_region(user, event),
        detail={"registrations": len(rows)},
    )
    record_audit_persons(record, Person.objects.filter(pk__in=[row.person_id for row in rows]))
    lines = [
        {
            "registration": row,
            "needs": needs_in_words(row.needs or []),
            "other": _other(user, row),
            "hired": next((i.posting for i in row.interviews.all() if i.hired), None),
            "interviews": len(row.interviews.all()),
        }
        for row in rows
    ]
    return render(
        request,
        "matching/events/registrations.html",
        {
            "event": event,
            "lines": lines,
            "prepare": needs_to_prepare(event, rows),
            "past": event.held_on <= timezone.localdate(),
            "can_keep": may_keep(user, event),
            "can_register": user.has_named_permission(MANAGE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    """为残疾人报名: a person of the viewer's area, by resident ID or certificate number."""
    user = _user(request)
    require_permission(user, MANAGE)
    event = access_event(user, event_id)
    form = RegisterForm(request.POST or None, persons=persons_visible_to(user))

    def save(data: dict[str, object]) -> EventRegistration:
        assert form.person is not None
        return register_person(
            actor=user,
            event=event,
            person_id=form.person.pk,
            needs=data.get("needs") or (),  # type: ignore[arg-type]
            needs_other=str(data.get("needs_other") or ""),
        )

    return form_page(
        request,
        form,
        template="matching/events/register.html",
        save=save,
        done=lambda registration: _("已为%(name)s报名。") % {"name": registration.person.name},
        next_url=_list_url(event),
        context={"event": event, "can_keep": may_keep(user, event), "can_register": True},
    )


def _audit_view(user: User, registration: EventRegistration, response: HttpResponse) -> None:
    """A response showing one registration (not a redirect after a save) is a view of it."""
    if not isinstance(response, HttpResponseRedirectBase):
        record_audit(
            actor=user,
            kind=AuditKind.VIEW,
            action=EventAction.REGISTRATION_VIEW,
            target=registration,
        )


@login_required
@require_http_methods(["GET", "POST"])
def registration_detail(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    """One registration: the person, what they need, the day's outcome; staff change the needs."""
    user = _user(request)
    event = access_event(user, event_id)
    registration = access_registration(user, event, registration_id)
    if request.method == "POST":
        require_permission(user, MANAGE)
    form = NeedsForm(
        request.POST or None,
        initial={
            "needs": registration.needs,
            "needs_other": registration.needs_other,
            "version": registration.version,
        },
    )
    interviews = list(registration.interviews.select_related("posting__employer"))
    response = form_page(
        request,
        form,
        template="matching/events/registration.html",
        save=lambda data: update_needs(
            actor=user,
            registration=registration,
            needs=data.get("needs") or (),
            needs_other=data.get("needs_other") or "",
            seen_version=data["version"],
        ),
        done=_("已保存修改。"),
        next_url=reverse("matching:event_registration", args=[event.pk, registration.pk]),
        context={
            "event": event,
            "registration": registration,
            "needs": needs_in_words(registration.needs or []),
            "other": _other(user, registration),
            "interviews": interviews,
            "can_keep": may_keep(user, event),
            "can_edit": user.has_named_permission(MANAGE),
            "held": event.held_on <= timezone.localdate(),
        },
        versioned=(registration, REGISTRATION_VERSION_ACTIONS),
    )
    _audit_view(user, registration, response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def registration_outcome(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    """记录到场和录用: came or not, needs met, interviews and the hire (after the event)."""
    user = _user(request)
    require_permission(user, MANAGE)
    event = access_event(user, event_id)
    registration = access_registration(user, event, registration_id)
    postings = [row.posting for row in event_postings(event)]
    form = OutcomeForm(
        request.POST or None, initial=outcome_initial(registration), postings=postings
    )
    return form_page(
        request,
        form,
        template="matching/events/outcome.html",
        save=lambda data: record_outcome(
            actor=user,
            registration=registration,
            outcome=form.outcome(),
            on=timezone.localdate(),
            seen_version=data["version"],
        ),
        done=_("已记录%(name)s的到场和录用情况。") % {"name": registration.person.name},
        next_url=_list_url(event),
        context={"event": event, "registration": registration, "can_keep": may_keep(user, event)},
        versioned=(registration, REGISTRATION_VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    """取消报名: ask, then take the registration back (not once the day is recorded)."""
    user = _user(request)
    require_permission(user, MANAGE)
    event = access_event(user, event_id)
    registration = access_registration(user, event, registration_id)
    form = CancelForm(request.POST or None, initial={"version": registration.version})
    name = registration.person.name
    return form_page(
        request,
        form,
        template="matching/events/cancel.html",
        save=lambda data: cancel_registration(
            actor=user, registration=registration, seen_version=data["version"]
        ),
        done=_("已取消%(name)s的报名。") % {"name": name},
        next_url=_list_url(event),
        context={"event": event, "registration": registration, "can_keep": may_keep(user, event)},
        versioned=(registration, REGISTRATION_VERSION_ACTIONS),
    )
