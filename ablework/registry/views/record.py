"""A person's record page (masked identifiers, dated history), and revealing the full numbers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.masking import mask_free_text
from ablework.registry.access import access_person
from ablework.registry.forms.circumstances import VerifyForm
from ablework.registry.forms.purposes import SENSITIVE_NOTICE, labelled_purposes
from ablework.registry.models import Person
from ablework.registry.quarters import Quarter
from ablework.registry.selectors.record import get_person_record
from ablework.registry.services import reveal_person
from ablework.registry.viewing import shows_persons


def render_record(
    request: HttpRequest,
    person: Person,
    *,
    revealed: dict[str, str] | None = None,
    verify_form: VerifyForm | None = None,
) -> HttpResponse:
    """The record page of a person the user was already allowed to see."""
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    can_edit = user.has_named_permission(Permission.PERSONS_EDIT) and person.merged_into_id is None
    can_reveal = user.has_named_permission(Permission.PERSONS_REVEAL)
    # The notes may hold health data: in full for those who may reveal (the view is logged),
    # only that something is written for everyone else.
    notes = person.communication_notes
    return render(
        request,
        "registry/person_detail.html",
        {
            "person": person,
            "record": get_person_record(person=person, today=today),
            "revealed": revealed,
            "can_reveal": can_reveal,
            "communication_notes": notes if can_reveal else mask_free_text(notes),
            "can_edit": can_edit,
            "can_correct_identity": can_edit
            and user.has_named_permission(Permission.PERSONS_SUPERVISE),
            "purposes": labelled_purposes(),
            "sensitive_notice": SENSITIVE_NOTICE,
            "quarter": Quarter.of(today),
            "verify_form": (verify_form or VerifyForm(auto_id="verify-%s")) if can_edit else None,
        },
    )


@login_required
@require_GET
@shows_persons
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's record with masked identifiers; the view itself is logged (`shows_persons`)."""
    user: User = request.user  # type: ignore[assignment]
    return render_record(request, access_person(user, person_id))


@login_required
@require_POST
@shows_persons
def person_reveal(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the full identifiers, for users with the reveal permission; always logged."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_REVEAL)
    return render_record(request, person, revealed=reveal_person(actor=user, person=person))
