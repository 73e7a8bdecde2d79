"""Pages for consent records, a person's own access log, and administrators' password resets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.access import manageable_accounts
from ablework.accounts.forms import ConsentForm
from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.selectors import consents_visible_to, my_consents, who_accessed_my_record
from ablework.accounts.services import record_consent, reset_password, revoke_consent
from ablework.core.audit_reading import readable_records
from ablework.core.errors import Conflict
from ablework.core.form_pages import form_page
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.registry.access import access_person
from ablework.registry.viewing import shows_persons


@login_required
def consent_list(request: HttpRequest) -> HttpResponse:
    """Staff see and revoke family members' consents; a new one starts from the person's
    record page."""
    user: User = request.user  # type: ignore[assignment]
    return render(
        request, "accounts/consent_list.html", {"consents": consents_visible_to(user)[:200]}
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def consent_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record a family member's consent to act for this person (opened from their record)."""
    user: User = request.user  # type: ignore[assignment]
    person = access_person(user, person_id, permission=Permission.PERSONS_EDIT)
    return form_page(
        request,
        ConsentForm(request.POST or None),
        template="accounts/consent_form.html",
        save=lambda data: record_consent(
            actor=user,
            person_id=person.pk,
            family_username=data["family_username"],
            relationship=data["relationship"],
            evidence=data["evidence"],
            valid_until=data["valid_until"],
        ),
        done=_("已登记代办授权。"),
        next_url=reverse("accounts:consents"),
        context={"person": person},
        error_status=400,
    )


@login_required
@require_POST
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Staff, or the person who granted it, end a consent; the second of two is told it is done."""
    user: User = request.user  # type: ignore[assignment]
    back = reverse("accounts:my_access_log" if user.role == Role.PERSON else "accounts:consents")
    try:
        revoke_consent(
            actor=user, consent_id=consent_id, seen_version=_version(request.POST.get("version"))
        )
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已撤销代办授权。"))
    return HttpResponseRedirect(back)


def _version(text: str | None) -> int | None:
    """The version the page showed (a number), or None for a page that sent none."""
    return int(text) if text and text.isdigit() and len(text) < 10 else None


@login_required
def my_access_log(request: HttpRequest) -> HttpResponse:
    """A person sees who looked at or changed their record, and when."""
    user: User = request.user  # type: ignore[assignment]
    page = keyset_page(
        who_accessed_my_record(user),
        after=parse_cursor(request.GET.get("after")),
        newest_first=True,
    )
    rows = readable_records(page.items)
    context = {"page": page, "rows": rows, "query": "", "consents": my_consents(user)}
    return render(request, "accounts/my_access_log.html", context)


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    """Administrators find the accounts in their area, to reset a forgotten password."""
    user: User = request.user  # type: ignore[assignment]
    query = request.GET.get("q", "").strip()[:64]
    accounts = manageable_accounts(user).order_by("role", "display_name", "pk")
    if query:
        accounts = accounts.filter(Q(display_name__icontains=query) | Q(username=query))
    context = {"accounts": accounts[:100], "query": query}
    return render(request, "accounts/account_list.html", context)


@login_required
@require_POST
def password_reset(request: HttpRequest, account_id: int) -> HttpResponse:
    """Set a temporary password and show it once; the user must change it at next sign-in."""
    user: User = request.user  # type: ignore[assignment]
    account, temporary = reset_password(actor=user, account_id=account_id)
    response = render(
        request, "accounts/password_reset_done.html", {"account": account, "temporary": temporary}
    )
    response["Cache-Control"] = "no-store"
    return response
