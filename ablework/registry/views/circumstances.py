"""Pages to open and end a flag, to add training received, to record a certificate change,
and to correct a mistyped resident
ID, each with its own form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.forms import DomainForm
from ablework.registry.access import access_person
from ablework.registry.forms.circumstances import (
    CertificateEventForm,
    FlagEndForm,
    FlagOpenForm,
    IdentityCorrectionForm,
    TrainingForm,
)
from ablework.registry.models import Person
from ablework.registry.services import (
    add_training_record,
    correct_identity,
    end_flag,
    open_flag,
    record_certificate_event,
    require_active,
)
from ablework.registry.viewing import shows_persons
from ablework.registry.views.editing import record_url


def _small_form_page(
    request: HttpRequest,
    person: Person,
    form: DomainForm,
    *,
    title: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One of the record's small forms; on success, back to the record."""
    require_active(person)
    return form_page(
        request,
        form,
        template="registry/small_form.html",
        save=save,
        done=done,
        next_url=record_url(person),
        context={"person": person, "title": title, **(extra or {})},
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def flag_open(request: HttpRequest, person_id: int) -> HttpResponse:
    """Add a dated flag (就业困难人员, 低保家庭 …) to a person."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    return _small_form_page(
        request,
        person,
        FlagOpenForm(request.POST or None),
        title=gettext_lazy("添加标记"),
        save=lambda data: open_flag(
            actor=user,
            person=person,
            kind=data["kind"],
            on=data["started_on"],
            source=data["source"],
        ),
        done=_("已添加标记。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def flag_end(request: HttpRequest, person_id: int, flag_id: int) -> HttpResponse:
    """End an open flag on a date; it stays in the history."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    flag = person.flags.filter(pk=flag_id, ended_on__isnull=True).first()
    if flag is None:
        raise NotFound(_("没有找到该标记，或它已经结束。"))
    return _small_form_page(
        request,
        person,
        FlagEndForm(request.POST or None),
        title=gettext_lazy("结束标记：%(kind)s") % {"kind": flag.get_kind_display()},
        save=lambda data: end_flag(actor=user, person=person, flag_id=flag.pk, on=data["ended_on"]),
        done=_("已结束标记。"),
        extra={"flag": flag},
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def training_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record training a person received."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    return _small_form_page(
        request,
        person,
        TrainingForm(request.POST or None),
        title=gettext_lazy("添加培训记录"),
        save=lambda data: add_training_record(actor=user, person=person, **data),
        done=_("已添加培训记录。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def certificate_event_add(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a reassessment, a renewal or a revocation in the certificate history."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    return _small_form_page(
        request,
        person,
        CertificateEventForm(request.POST or None),
        title=gettext_lazy("登记证件变化"),
        save=lambda data: record_certificate_event(
            actor=user,
            person=person,
            kind=data["kind"],
            on=data["effective_on"],
            category=data["disability_category"],
            grade=data["disability_grade"],
            valid_until=data["valid_until"],
            source_detail=data["source_detail"],
        ),
        done=_("已登记证件变化，证件状态、类别和等级已随之更新。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def identity_correct(request: HttpRequest, person_id: int) -> HttpResponse:
    """Correct a mistyped resident ID and certificate number (supervisors: 县残联 and above)."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_SUPERVISE)
    return _small_form_page(
        request,
        person,
        IdentityCorrectionForm(
            request.POST or None, initial={"retirement_base_age": person.retirement_base_age}
        ),
        title=gettext_lazy("更正公民身份号码"),
        save=lambda data: correct_identity(actor=user, person=person, **data),
        done=_("已更正号码；原号码保留在审计记录中。"),
    )
