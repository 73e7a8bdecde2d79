"""The pages of recruitment events: the list (upcoming and past), one event with its employers,
postings and registrations, and recording or changing an event (staff of its area)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.form_pages import form_page
from ablework.core.region_names import region_name
from ablework.matching.event_audit_actions import EVENT_VERSION_ACTIONS
from ablework.matching.event_forms import EventForm, event_initial
from ablework.matching.models import JobPosting, RecruitmentEvent
from ablework.matching.selectors.events import (
    MANAGE,
    access_event,
    access_kept_event,
    employers_to_offer,
    event_postings,
    event_regions,
    list_events,
    may_keep,
    postings_to_offer,
    registration_counts,
)
from ablework.matching.services.events import (
    access_in_words,
    create_event,
    event_place_in_words,
    update_event,
)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    """招聘活动: the events of the viewer's area, upcoming (soonest first) or past."""
    user = _user(request)
    past = request.GET.get("when") == "past"
    today = timezone.localdate()
    events = list_events(user, upcoming=not past, on=today)
    return render(
        request,
        "matching/events/event_list.html",
        {
            "events": events,
            "past": past,
            "today": today,
            "can_manage": user.has_named_permission(MANAGE),
        },
    )


def _detail_url(event: RecruitmentEvent) -> str:
    return reverse("matching:event_detail", args=[event.pk])


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event: when and where, its accessibility, its employers and postings, and how many of
    the viewer's persons are registered."""
    user = _user(request)
    event = access_event(user, event_id)
    postings = list(event_postings(event))
    with_postings = {row.posting.employer_id for row in postings}
    others = [
        row.employer
        for row in event.employers.select_related("employer").order_by("employer__name")
        if row.employer_id not in with_postings
    ]
    return render(
        request,
        "matching/events/event_detail.html",
        {
            "event": event,
            "region": region_name(event.region_code),
            "place": event_place_in_words(event),
            "access": access_in_words(event.access or []),
            "postings": postings,
            "other_employers": others,
            "employer_count": event.employers.count(),
            "registered": registration_counts(user, [event.pk]).get(event.pk, 0),
            "past": event.held_on < timezone.localdate(),
            "can_keep": may_keep(user, event),
            "can_register": user.has_named_permission(MANAGE),
        },
    )


def _form(request: HttpRequest, user: User, event: RecruitmentEvent | None) -> EventForm:
    today = timezone.localdate()
    postings = postings_to_offer(user, on=today)
    initial: dict[str, object]
    if event is not None:
        held = event.postings.values_list("posting_id", flat=True)
        postings = (
            JobPosting.objects.filter(Q(pk__in=postings.values("pk")) | Q(pk__in=held))
            .select_related("employer")
            .order_by("employer__name", "title", "pk")
        )
        initial = event_initial(event)
    else:
        regions = event_regions(user)
        first = regions.first()
        initial = {"mode": "on_site", "starts_at": "09:00", "ends_at": "12:00"}
        if first is not None:
            initial["region_code"] = first.code
            initial["organiser"] = _("%(region)s残疾人联合会") % {"region": first.name}
    return EventForm(
        request.POST or None,
        initial=initial,
        actor=user,
        on=today,
        regions=event_regions(user),
        employers=employers_to_offer(user),
        postings=postings,
        event=event,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    """登记招聘活动, for a county or city of the viewer's area."""
    user = _user(request)
    require_permission(user, MANAGE)
    form = _form(request, user, None)
    return form_page(
        request,
        form,
        template="matching/events/event_form.html",
        save=lambda data: create_event(actor=user, details=form.details(), on=timezone.localdate()),
        done=lambda event: _("已登记招聘活动“%(name)s”。") % {"name": event.name},
        next_url=_detail_url,
        context={"event": None, "no_regions": not event_regions(user).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """修改招聘活动, on the version seen (409 with what the other person saved)."""
    user = _user(request)
    event = access_kept_event(user, event_id)
    form = _form(request, user, event)
    return form_page(
        request,
        form,
        template="matching/events/event_form.html",
        save=lambda data: update_event(
            actor=user,
            event=event,
            details=form.details(),
            on=timezone.localdate(),
            seen_version=data["version"],
        ),
        done=_("已保存修改。"),
        next_url=_detail_url(event),
        context={"event": event},
        versioned=(event, EVENT_VERSION_ACTIONS),
    )
