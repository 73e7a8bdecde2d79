"""Pages for employers: list, one employer, registering and changing one, export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.accounts.views import client_address
from ablework.core.errors import Conflict, DomainError, NotFound, TooManyRequests
from ablework.core.form_pages import form_page
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.rate_limits import count_request
from ablework.core.selectors import place_menus
from ablework.employers.access import (
    access_contact,
    access_contact_employer,
    access_employer,
    employers_visible_to,
)
from ablework.employers.audit_actions import EmployersAction
from ablework.employers.forms import (
    FIELDS,
    AccountRequestForm,
    ConfirmRequestForm,
    ContactForm,
    EmployerForm,
    EmployerUserForm,
    RefuseRequestForm,
    RemoveContactForm,
)
from ablework.employers.models import PUBLIC_KINDS, AccountRequestStatus, Employer, EmployerKind
from ablework.employers.selectors import search_employers
from ablework.employers.services import (
    account_requests_visible_to,
    add_contact,
    confirm_account_request,
    contacts_of,
    create_employer,
    employer_users,
    export_employers_csv,
    invite_employer_user,
    refuse_account_request,
    remove_contact,
    submit_account_request,
    update_contact,
    update_employer,
)

# The branches an employer's page lists (a large group's are found through the list's search).
BRANCHES_SHOWN = 200


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    query, kind = request.GET.get("q", "")[:60], request.GET.get("kind", "")
    employers = search_employers(employers=employers_visible_to(user), query=query, kind=kind)
    page = keyset_page(employers, after=parse_cursor(request.GET.get("after")))
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": page,
            "q": query,
            "kind": kind,
            "kinds": EmployerKind.choices,
            "query": params.urlencode(),
            "export_fields": [(key, value) for key, value in params.items() if value],
            "can_export": user.has_named_permission(Permission.EMPLOYERS_EXPORT),
        },
    )


@login_required
def employer_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    employer = access_employer(user, employer_id)
    can_edit = user.has_named_permission(Permission.EMPLOYERS_EDIT)
    parent = employer.parent
    visible_here = employers_visible_to(user)
    branches = visible_here.filter(parent=employer).only(
        "id", "name", "uscc", "declares_separately"
    )
    context = {
        "employer": employer,
        "can_edit": can_edit,
        "can_keep_contacts": user.has_named_permission(Permission.EMPLOYERS_CONTACTS),
        "contacts": contacts_of(employer),
        "public_kinds": [str(kind) for kind in PUBLIC_KINDS],
        "parent": parent,
        "parent_visible": parent is not None and visible_here.filter(pk=parent.pk).exists(),
        "branches": branches.order_by("pk")[:BRANCHES_SHOWN],
        "users": employer_users(employer) if can_edit else None,
    }
    return render(request, "employers/employer_detail.html", context)


def _employer_url(employer: Employer) -> str:
    return reverse("employers:employer_detail", args=[employer.pk])


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Add a contact: staff of the employer's area, and the employer's own users."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_contact_employer(user, employer_id)
    form = ContactForm(request.POST or None)
    return form_page(
        request,
        form,
        template="employers/contact_form.html",
        save=lambda data: add_contact(actor=user, employer=employer, details=form.details()),
        done=lambda contact: _("已添加联系人 %(name)s。") % {"name": contact.name},
        next_url=_employer_url(employer),
        context={"employer": employer, "contact": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, employer_id: int, contact_id: int) -> HttpResponse:
    """Change a contact; a save on an older version is refused (409) with what others changed."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_contact_employer(user, employer_id)
    contact = access_contact(user, employer, contact_id)
    initial = {
        "name": contact.name,
        "post": contact.post,
        "email": contact.email,
        "primary": contact.primary,
        "version": contact.version,
    }
    form = ContactForm(request.POST or None, initial=initial, contact=contact)
    return form_page(
        request,
        form,
        template="employers/contact_form.html",
        save=lambda data: update_contact(
            actor=user, contact=contact, details=form.details(), seen_version=data["version"]
        ),
        done=_("已保存联系人。"),
        next_url=_employer_url(employer),
        context={"employer": employer, "contact": contact},
        versioned=(contact, [EmployersAction.CONTACT_UPDATE]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, employer_id: int, contact_id: int) -> HttpResponse:
    """Ask, then remove a contact (refused when it changed since the page was opened)."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_contact_employer(user, employer_id)
    contact = access_contact(user, employer, contact_id)
    form = RemoveContactForm(request.POST or None, initial={"version": contact.version})
    return form_page(
        request,
        form,
        template="employers/contact_remove.html",
        save=lambda data: remove_contact(actor=user, contact=contact, seen_version=data["version"]),
        done=_("已删除联系人 %(name)s。") % {"name": contact.name},
        next_url=_employer_url(employer),
        context={"employer": employer, "contact": contact},
        versioned=(contact, [EmployersAction.CONTACT_UPDATE]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    """Register an employer in the actor's area."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.EMPLOYERS_EDIT)
    form = EmployerForm(request.POST or None, **place_menus(user))
    return form_page(
        request,
        form,
        template="employers/employer_form.html",
        save=lambda data: create_employer(actor=user, details=form.details()),
        done=lambda employer: _("已登记 %(name)s。") % {"name": employer.name},
        next_url=_employer_url,
        context={"employer": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Change an employer's record, its township included; a save on a version older than the
    stored one is refused (409) with what the others changed."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_employer(user, employer_id, permission=Permission.EMPLOYERS_EDIT)
    initial = {name: getattr(employer, name) for name in FIELDS if name != "parent_uscc"}
    initial["parent_uscc"] = employer.parent.uscc if employer.parent else ""
    form = EmployerForm(
        request.POST or None,
        initial={**initial, "version": employer.version},
        editing=True,
        **place_menus(user),
    )
    return form_page(
        request,
        form,
        template="employers/employer_form.html",
        save=lambda data: update_employer(
            actor=user, employer=employer, details=form.details(), seen_version=data["version"]
        ),
        done=_("已保存修改。"),
        next_url=_employer_url(employer),
        context={"employer": employer},
        versioned=(employer, [EmployersAction.EMPLOYER_UPDATE]),
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def employer_export(request: HttpRequest) -> StreamingHttpResponse:
    """The selection as CSV; logged."""
    user: User = request.user  # type: ignore[assignment]
    employers = search_employers(
        employers=employers_visible_to(user, permission=Permission.EMPLOYERS_EXPORT),
        query=request.POST.get("q", ""),
        kind=request.POST.get("kind", ""),
    )
    filters = {key: request.POST[key] for key in ("q", "kind") if request.POST.get(key)}
    lines = export_employers_csv(actor=user, employers=employers, filters=filters)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="employers.csv"'
    return response


def _temporary_password_page(
    request: HttpRequest, employer: Employer, account: User, temporary: str
) -> HttpResponse:
    """The account's one-time password, shown once and never cached."""
    response = render(
        request,
        "employers/account_created.html",
        {"employer": employer, "account": account, "temporary": temporary},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def employer_user_new(request: HttpRequest, employer_id: int) -> HttpResponse:
    """Open an account for one of the employer's HR staff; its temporary password is shown once."""
    user: User = request.user  # type: ignore[assignment]
    employer = access_employer(user, employer_id, permission=Permission.EMPLOYERS_EDIT)
    form = EmployerUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account, temporary = invite_employer_user(
                actor=user,
                employer=employer,
                username=form.cleaned_data["username"],
                display_name=form.cleaned_data["display_name"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            return _temporary_password_page(request, employer, account, temporary)
    return render(
        request, "employers/employer_user_form.html", {"form": form, "employer": employer}
    )


@require_http_methods(["GET", "POST"])
def account_request(request: HttpRequest) -> HttpResponse:
    """The public form an employer asks for an account with; each address may send
    `EMPLOYER_ACCOUNT_REQUESTS_PER_HOUR` requests an hour (429 beyond)."""
    form = AccountRequestForm(request.POST or None)
    if request.method == "POST":
        try:
            count_request(
                key=f"employers.account_request:{client_address(request)}",
                limit=settings.EMPLOYER_ACCOUNT_REQUESTS_PER_HOUR,
                window_seconds=3600,
            )
        except TooManyRequests as error:
            form.is_valid()
            form.add_error(None, error.message)
            return render(request, "employers/account_request.html", {"form": form}, status=429)
    return form_page(
        request,
        form,
        template="employers/account_request.html",
        save=lambda data: submit_account_request(details=form.details()),
        done=_("申请已提交。残联工作人员核实后会用您留下的电话联系您，告知登录方式。"),
        next_url=reverse("employers:account_request_sent"),
    )


def account_request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "employers/account_request_sent.html")


@login_required
def account_request_list(request: HttpRequest) -> HttpResponse:
    """The pending account requests of the staff's area, to confirm or refuse."""
    user: User = request.user  # type: ignore[assignment]
    pending = account_requests_visible_to(user).filter(status=AccountRequestStatus.PENDING)
    page = keyset_page(pending, after=parse_cursor(request.GET.get("after")))
    return render(
        request,
        "employers/account_request_list.html",
        {"page": page, "query": ""},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    """Confirm (an account, its temporary password shown once) or refuse one request."""
    user: User = request.user  # type: ignore[assignment]
    pending = account_requests_visible_to(user).filter(pk=request_id).first()
    if pending is None:
        raise NotFound(_("没有找到该账户申请。"))
    confirm = ConfirmRequestForm(request.POST if "confirm" in request.POST else None)
    refuse = RefuseRequestForm(request.POST if "refuse" in request.POST else None)
    if request.method == "POST":
        try:
            if "confirm" in request.POST and confirm.is_valid():
                _request, account, temporary = confirm_account_request(
                    actor=user, request_id=request_id, username=confirm.cleaned_data["username"]
                )
                assert account.employer is not None
                return _temporary_password_page(request, account.employer, account, temporary)
            if "refuse" in request.POST and refuse.is_valid():
                refuse_account_request(
                    actor=user, request_id=request_id, reason=refuse.cleaned_data["reason"]
                )
                messages.success(request, _("已拒绝这份申请。"))
                return redirect("employers:account_request_list")
        except Conflict as error:  # decided meanwhile
            messages.error(request, error.message)
            return redirect("employers:account_request_list")
        except DomainError as error:
            (confirm if "confirm" in request.POST else refuse).add_domain_error(error)
    return render(
        request,
        "employers/account_request_decide.html",
        {"item": pending, "confirm_form": confirm, "refuse_form": refuse},
    )
