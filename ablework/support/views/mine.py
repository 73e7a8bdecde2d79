"""The person's own view (`/support/mine/`): their services, the latest assessment's summary,
the approved plan and next steps in plain words; a family member chooses among the persons
who consented. From it they confirm a service or complain about it, and ask for a correction.
For staff: the complaints (supervisors) and the correction requests with their answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import access_one, require_permission
from ablework.core.errors import DomainError, NotFound
from ablework.core.form_pages import form_page
from ablework.registry.models import Person
from ablework.registry.viewing import shows_persons
from ablework.support.access import RECORD, SUPERVISE, VIEW, person_for_support
from ablework.support.audit_actions import SupportAction
from ablework.support.forms.mine import AnswerForm, CorrectionForm, FeedbackForm
from ablework.support.models import CorrectionRequest, CorrectionState, ServiceRecord
from ablework.support.selectors.mine import (
    LIST_SHOWN,
    complaints_visible_to,
    corrections_visible_to,
    overview_of,
    persons_for,
)
from ablework.support.services.feedback import (
    OWN_ROLES,
    answer_correction,
    ask_correction,
    give_feedback,
)


def _chosen(request: HttpRequest, raw: str) -> tuple[list[Person], Person | None]:
    """The persons the viewer speaks for, and the one chosen (`raw` its id; the first by
    default); 404 for anyone who is not a person or a family member, or for a person not theirs."""
    user: User = request.user  # type: ignore[assignment]
    if user.role not in OWN_ROLES:
        raise NotFound(_("没有找到该页面或记录。"))
    require_permission(user, VIEW)
    persons = list(persons_for(user)[:50])
    if raw:
        if not raw.isdigit():
            raise NotFound(_("没有找到该残疾人记录。"))
        return persons, person_for_support(user, int(raw), permission=VIEW)
    if not persons:
        return persons, None
    return persons, person_for_support(user, persons[0].pk, permission=VIEW)


def _mine_url(person: Person) -> str:
    return f"{reverse('support:mine')}?person={person.pk}"


@login_required
@shows_persons
def mine(request: HttpRequest) -> HttpResponse:
    """我的就业服务."""
    user: User = request.user  # type: ignore[assignment]
    persons, person = _chosen(request, request.GET.get("person", ""))
    overview = overview_of(user, person) if person else None
    services = [
        (shown, FeedbackForm(prefix=_prefix(shown.service.pk)))
        for shown in (overview.services if overview else [])
    ]
    return render(
        request,
        "support/mine/mine.html",
        {
            "persons": persons,
            "person": person,
            "overview": overview,
            "services": services,
            "is_family": user.role == Role.FAMILY,
        },
    )


def _prefix(service_id: int) -> str:
    """Each service's feedback form has its own field names and ids on the page."""
    return f"service-{service_id}"


@login_required
@require_POST
def feedback(request: HttpRequest, service_id: int) -> HttpResponse:
    """The person's word on one service; back to their page with what was recorded."""
    user: User = request.user  # type: ignore[assignment]
    form = FeedbackForm(request.POST, prefix=_prefix(service_id))
    service = access_one(
        user,
        ServiceRecord,
        service_id,
        permission=VIEW,
        not_found_message=_("没有找到该服务记录。"),
    )
    back = _mine_url(service.person) + f"#service-{service.pk}"
    if not form.is_valid():
        messages.error(request, _("请选择服务是否发生；投诉时请写几句说明。"))
        return HttpResponseRedirect(back)
    try:
        give_feedback(
            actor=user,
            service_id=service.pk,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data.get("text") or "",
        )
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已收到您的反馈，谢谢。"))
    return HttpResponseRedirect(back)


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def ask_for_correction(request: HttpRequest) -> HttpResponse:
    """申请更正: what is wrong in a record, in the person's words."""
    user: User = request.user  # type: ignore[assignment]
    _persons, person = _chosen(request, request.GET.get("person", ""))
    if person is None:
        raise NotFound(_("没有找到该残疾人记录。"))
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="support/mine/correction_form.html",
        save=lambda data: ask_correction(
            actor=user, person_id=person.pk, about=data.get("about") or "", text=data["text"]
        ),
        done=_("已提交更正申请。工作人员答复后，您可以在本页看到答复。"),
        next_url=_mine_url(person),
        context={"person": person},
    )


@login_required
def complaints(request: HttpRequest) -> HttpResponse:
    """服务投诉: what persons said did not happen, in the supervisor's area, newest first."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, SUPERVISE)
    rows = list(complaints_visible_to(user)[:LIST_SHOWN])
    return render(request, "support/mine/complaints.html", {"rows": rows})


@login_required
def corrections(request: HttpRequest) -> HttpResponse:
    """更正申请: the requests of the area, open ones first."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, RECORD)
    rows = list(corrections_visible_to(user)[:LIST_SHOWN])
    return render(
        request, "support/mine/corrections.html", {"rows": rows, "open": CorrectionState.OPEN}
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    """答复更正申请, on the version opened."""
    user: User = request.user  # type: ignore[assignment]
    asked = access_one(
        user,
        CorrectionRequest.objects.select_related("person", "requested_by"),
        request_id,
        permission=RECORD,
        not_found_message=_("没有找到该更正申请。"),
    )
    person_for_support(user, asked.person_id, permission=RECORD)  # notes the person shown
    form = AnswerForm(
        request.POST if request.method == "POST" else None, initial={"version": asked.version}
    )
    return form_page(
        request,
        form,
        template="support/mine/answer_form.html",
        save=lambda data: answer_correction(
            actor=user, request_id=asked.pk, answer=data["answer"], seen_version=data["version"]
        ),
        done=_("已答复更正申请。"),
        next_url=reverse("support:corrections"),
        context={"asked": asked},
        versioned=(asked, (SupportAction.CORRECTION_ANSWER,)),
    )
