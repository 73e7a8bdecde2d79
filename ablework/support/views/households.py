"""The pages of the zero-employment households (零就业家庭): the list of the viewer's area
(tracked first, the days each has been tracked, a township filter, .xlsx), one household with
its members and history and the form "a member is employed", and the form recording a
household from a registered member's services page."""

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
from ablework.accounts.roles import Permission
from ablework.accounts.scope import scope_of
from ablework.core.audit_reading import readable_records
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.models import AuditRecord
from ablework.core.selectors import regions_inside, townships_inside
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.registry.viewing import shows_persons
from ablework.support.access import RECORD, SUPERVISE, person_for_support
from ablework.support.audit_actions import HOUSEHOLD_VERSION_ACTIONS, HouseholdAction
from ablework.support.forms.households import EmployedForm, HouseholdForm
from ablework.support.models import HouseholdStatus, ZeroEmploymentHousehold
from ablework.support.selectors.households import (
    access_household,
    days_tracked,
    household_list,
    households_visible_to,
    shown_members,
)
from ablework.support.services.households import (
    open_household_of,
    record_household,
    record_member_employed,
)
from ablework.support.services.households.exporting import (
    record_household_export,
    write_households_xlsx,
)


def _permission(user: User) -> Permission:
    """RECORD for those who track households, else SUPERVISE for those who watch them."""
    for permission in (RECORD, SUPERVISE):
        if user.has_named_permission(permission):
            return permission
    raise NotFound(_("没有找到该页面或记录。"))


def _filters(request: HttpRequest, user: User) -> dict[str, Any]:
    """The county and township asked for, kept inside the user's area."""
    params = request.GET if request.method == "GET" else request.POST
    prefix = scope_of(user).region_prefix or ""
    counties = list(regions_inside(user).only("code", "name"))
    county = params.get("region", "")
    if len(prefix) >= 6:
        county = prefix[:6]
    elif county not in {c.code for c in counties}:
        county = counties[0].code if len(counties) == 1 else ""
    townships = list(townships_inside(user, [county])) if county else []
    township = prefix[:9] if len(prefix) >= 9 else params.get("township", "")
    if township not in {t.code for t in townships}:
        township = ""
    return {"counties": counties, "county": county, "townships": townships, "township": township}


def _listed(user: User, filters: dict[str, Any]) -> Any:
    rows = households_visible_to(user, permission=_permission(user))
    if filters["county"]:
        rows = rows.filter(county_code=filters["county"])
    return household_list(rows, today=timezone.localdate(), township=filters["township"])


@login_required
@require_GET
def household_list_page(request: HttpRequest) -> HttpResponse:
    """零就业家庭: the households of the viewer's area."""
    user: User = request.user  # type: ignore[assignment]
    filters = _filters(request, user)
    return render(
        request,
        "support/households/list.html",
        {
            **filters,
            "book": _listed(user, filters),
            "export_fields": [("region", filters["county"]), ("township", filters["township"])],
        },
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def household_export(request: HttpRequest) -> FileResponse:
    """The list as filtered, as .xlsx; logged as an export naming every registered member."""
    user: User = request.user  # type: ignore[assignment]
    filters = _filters(request, user)
    book = _listed(user, filters)
    record_household_export(
        actor=user, book=book, region_code=filters["township"] or filters["county"]
    )
    name = _("零就业家庭名单-%(day)s") % {"day": f"{timezone.localdate():%Y%m%d}"}
    return file_download(
        lambda handle: write_households_xlsx(book, handle),
        filename=f"{name}.xlsx",
        content_type=XLSX_TYPE,
    )


def _history(household: ZeroEmploymentHousehold) -> list[Any]:
    records = AuditRecord.objects.filter(
        target_type=household._meta.label_lower,
        target_id=str(household.pk),
        action__in=[HouseholdAction.RECORD.value, HouseholdAction.RESOLVE.value],
    ).order_by("at", "id")
    return readable_records(list(records))


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    """One household: its members, its history, and "a member is employed" while tracked."""
    user: User = request.user  # type: ignore[assignment]
    permission = RECORD if request.method == "POST" else _permission(user)
    household = access_household(user, household_id, permission=permission)
    members = shown_members(household)
    form = EmployedForm(
        request.POST if request.method == "POST" else None,
        members=members,
        initial={"version": household.version, "employed_on": timezone.localdate()},
    )
    context = {
        "household": household,
        "members": members,
        "days": days_tracked(household, today=timezone.localdate()),
        "history": _history(household),
        "can_record": user.has_named_permission(RECORD)
        and household.status == HouseholdStatus.OPEN,
    }
    return form_page(
        request,
        form,
        template="support/households/detail.html",
        save=lambda data: record_member_employed(
            actor=user,
            household_id=household.pk,
            version=data.get("version"),
            employed=form.employed(),
        ),
        done=_("已登记家庭成员就业，这个家庭不再作为零就业家庭跟踪。"),
        next_url=reverse("support:household", args=[household.pk]),
        context=context,
        versioned=(household, HOUSEHOLD_VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_persons
def household_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """登记零就业家庭, from a registered member's services page."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=RECORD)
    form = HouseholdForm(
        request.POST if request.method == "POST" else None,
        initial={"recognised_on": timezone.localdate(), "other_members": 0},
    )
    return form_page(
        request,
        form,
        template="support/households/new.html",
        save=lambda data: record_household(
            actor=user, person_id=person.pk, household=form.household()
        ),
        done=_("已登记零就业家庭；家庭中的持证残疾人已标记为零就业家庭。"),
        next_url=lambda household: reverse("support:household", args=[household.pk]),
        context={"person": person, "tracked": open_household_of(person)},
    )
