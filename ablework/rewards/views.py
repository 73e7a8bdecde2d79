"""The pages of over-quota rewards: the staff's list of eligible employers of a year and of the
applications, the employer's own rewards and its application, an application with its approval,
refusal and payment (each on the version seen), and the payment list as CSV or .xlsx."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.forms import DomainForm
from ablework.core.pagination import keyset_page_by, parse_cursor
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.rewards import exports
from ablework.rewards.access import (
    APPLY,
    DECIDE,
    access_application,
    applications_visible_to,
    certified_declarations,
)
from ablework.rewards.audit_actions import VERSION_ACTIONS
from ablework.rewards.forms import ApplyForm, DecisionForm, PaymentForm, RefuseForm
from ablework.rewards.models import RewardApplication, RewardStatus
from ablework.rewards.selectors import candidates, candidates_page, has_rewards, reward_basis
from ablework.rewards.services import (
    apply_for_reward,
    approve_reward,
    record_payment,
    record_payment_export,
    refuse_reward,
)

PAYABLE = (RewardStatus.APPROVED, RewardStatus.PAID)
# Employers (applications) a page of the staff's lists shows.
ROWS_PER_PAGE = 50


def _year_of(raw: str) -> int:
    """The year asked for, else last year (the one being declared)."""
    this_year = timezone.localdate().year
    if raw.isdigit() and 2015 <= int(raw) <= this_year:
        return int(raw)
    return this_year - 1


def _years() -> list[int]:
    return list(range(timezone.localdate().year, 2022, -1))


@login_required
def candidate_list(request: HttpRequest) -> HttpResponse:
    """符合超比例奖励条件的用人单位: the region's certified declarations of a year with a reward."""
    user: User = request.user  # type: ignore[assignment]
    year = _year_of(request.GET.get("year", ""))
    rows, page = candidates_page(
        certified_declarations(user, permission=DECIDE),
        year=year,
        after=parse_cursor(request.GET.get("after")),
        size=ROWS_PER_PAGE,
    )
    return render(
        request,
        "rewards/candidate_list.html",
        {
            "year": year,
            "years": _years(),
            "rows": rows,
            "page": page,
            "query": urlencode({"year": year}),
            "here": "candidates",
        },
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """超比例奖励申请: the applications of a year, with the payment list's downloads."""
    user: User = request.user  # type: ignore[assignment]
    year = _year_of(request.GET.get("year", ""))
    rows = applications_visible_to(user, permission=DECIDE).filter(levy_year=year)
    page = keyset_page_by(
        rows.select_related("declaration__employer"),
        field="declaration__employer__name",
        after=parse_cursor(request.GET.get("after")),
        size=ROWS_PER_PAGE,
    )
    return render(
        request,
        "rewards/application_list.html",
        {
            "year": year,
            "years": _years(),
            "rows": page.items,
            "page": page,
            "query": urlencode({"year": year}),
            "here": "applications",
            "export_fields": [("year", year)],
        },
    )


@login_required
def my_rewards(request: HttpRequest) -> HttpResponse:
    """本单位的超比例奖励: the viewer's certified declarations with a reward, every year. An
    employer whose declarations have no reward rule (outside a reward province) gets 404."""
    user: User = request.user  # type: ignore[assignment]
    declarations = certified_declarations(user, permission=APPLY)
    if not has_rewards(declarations):
        raise NotFound(_("没有找到该页面或记录。"))
    rows = [
        candidate
        for year in sorted(set(declarations.values_list("levy_year", flat=True)), reverse=True)
        for candidate in candidates(declarations, year=year)
    ]
    return render(request, "rewards/my_rewards.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """申请超比例奖励 for a certified declaration (the employer, or staff recording it)."""
    user: User = request.user  # type: ignore[assignment]
    declaration = (
        certified_declarations(user, permission=APPLY)
        .select_related("employer")
        .filter(pk=declaration_id)
        .first()
    )
    if declaration is None:
        raise NotFound(_("没有找到该已审核确认的申报。"))
    basis = reward_basis(declaration)
    if basis is None:
        raise NotFound(_("没有找到该已审核确认的申报。"))
    form = ApplyForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        template="rewards/apply.html",
        save=lambda data: apply_for_reward(actor=user, declaration_id=declaration.pk),
        done=_("已提交超比例奖励申请，残联审核后发放。"),
        next_url=lambda application: reverse("rewards:application", args=[application.pk]),
        context={"declaration": declaration, "basis": basis},
    )


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """An application: amount, basis, status; for staff the decision or payment forms."""
    user: User = request.user  # type: ignore[assignment]
    application = access_application(user, application_id)
    can_decide = user.has_named_permission(DECIDE)
    initial = {"version": application.version}
    return render(
        request,
        "rewards/application_detail.html",
        {
            "application": application,
            "employer": application.declaration.employer,
            "basis": reward_basis(application.declaration),
            "can_decide": can_decide and application.status == RewardStatus.APPLIED,
            "can_pay": can_decide and application.status == RewardStatus.APPROVED,
            "approve_form": DecisionForm(initial=initial, prefix="approve"),
            "refuse_form": RefuseForm(initial=initial, prefix="refuse"),
            "pay_form": PaymentForm(
                initial={**initial, "amount": application.amount}, prefix="pay"
            ),
        },
    )


def _action(
    request: HttpRequest,
    application_id: int,
    *,
    form_class: type[DomainForm],
    prefix: str,
    heading: Promise,
    save: Callable[[User, RewardApplication, Any, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    application = access_application(user, application_id, permission=DECIDE)
    initial: dict[str, Any] = {"version": application.version}
    if form_class is PaymentForm:
        initial["amount"] = application.amount
    form = form_class(request.POST or None, initial=initial, prefix=prefix)
    return form_page(
        request,
        form,
        template="rewards/action.html",
        save=lambda data: save(user, application, form, data),
        done=done,
        next_url=reverse("rewards:application", args=[application.pk]),
        context={
            "application": application,
            "employer": application.declaration.employer,
            "heading": heading,
            "prefix": prefix,
        },
        versioned=(application, VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def approve(request: HttpRequest, application_id: int) -> HttpResponse:
    return _action(
        request,
        application_id,
        form_class=DecisionForm,
        prefix="approve",
        heading=gettext_lazy("审核通过"),
        save=lambda user, row, form, data: approve_reward(
            actor=user, application_id=row.pk, version=data["version"]
        ),
        done=_("已审核通过，待发放。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def refuse(request: HttpRequest, application_id: int) -> HttpResponse:
    return _action(
        request,
        application_id,
        form_class=RefuseForm,
        prefix="refuse",
        heading=gettext_lazy("不予通过"),
        save=lambda user, row, form, data: refuse_reward(
            actor=user, application_id=row.pk, version=data["version"], reason=data["reason"]
        ),
        done=_("已不予通过，已告知用人单位理由。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pay(request: HttpRequest, application_id: int) -> HttpResponse:
    return _action(
        request,
        application_id,
        form_class=PaymentForm,
        prefix="pay",
        heading=gettext_lazy("登记发放"),
        save=lambda user, row, form, data: record_payment(
            actor=user, application_id=row.pk, version=data["version"], payment=form.payment()
        ),
        done=_("已登记发放。"),
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def payment_export(request: HttpRequest, file_format: str) -> FileResponse:
    """The approved and paid applications of a year, for payment; logged."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, DECIDE)
    if file_format not in ("csv", "xlsx"):
        raise NotFound(_("没有找到该页面或记录。"))
    year = _year_of(request.POST.get("year", ""))
    rows = list(
        applications_visible_to(user, permission=DECIDE)
        .filter(levy_year=year, status__in=PAYABLE)
        .order_by("declaration__employer__name", "pk")
    )
    record_payment_export(actor=user, year=year, rows=len(rows), file_format=file_format)
    name = _("超比例奖励发放名单-%(year)s") % {"year": year}
    if file_format == "csv":
        return file_download(
            lambda handle: handle.writelines(line.encode() for line in exports.csv_text(rows)),
            filename=f"{name}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return file_download(
        lambda handle: exports.write_xlsx(rows, handle),
        filename=f"{name}.xlsx",
        content_type=XLSX_TYPE,
    )
