"""The pages of concentrated employment: the units of the staff member's region with their
year, a unit's months with the reasons for each ineligible one, registering and changing a
unit, the VAT paid each month, and the tax bureau's list (page, CSV, .xlsx)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.concentrated import exports
from ablework.concentrated.access import PERMISSION, access_unit, units_visible_to
from ablework.concentrated.audit_actions import VERSION_ACTIONS
from ablework.concentrated.forms import UnitEditForm, UnitRegisterForm, VatForm
from ablework.concentrated.models import MonthlyVat
from ablework.concentrated.selectors import MONTHS, unit_year, unit_years
from ablework.concentrated.services import (
    record_list_export,
    record_vat,
    register_unit,
    update_unit,
)
from ablework.core.downloads import file_download
from ablework.core.errors import NotFound
from ablework.core.form_pages import form_page
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.spreadsheets import XLSX_TYPE

PAGE_SIZE = 20


def _year(request: HttpRequest) -> int:
    """The year asked for (?year=), else last year (the one being declared)."""
    return _year_of(request.GET.get("year", ""))


def _year_of(raw: str) -> int:
    this_year = timezone.localdate().year
    if raw.isdigit() and 2016 <= int(raw) <= this_year:
        return int(raw)
    return this_year - 1


def _years() -> list[int]:
    return list(range(timezone.localdate().year, 2015, -1))


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """集中就业单位: the units of the region, each with the year's eligible months and limit."""
    user: User = request.user  # type: ignore[assignment]
    year = _year(request)
    page = keyset_page(
        units_visible_to(user), after=parse_cursor(request.GET.get("after")), size=PAGE_SIZE
    )
    return render(
        request,
        "concentrated/unit_list.html",
        {
            "year": year,
            "years": _years(),
            "rows": unit_years(page.items, year),
            "page": page,
            "query": f"year={year}",
        },
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's months of a year: eligible or not and why, the limit, the VAT and the refund."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, unit_id)
    year = _year(request)
    return render(
        request,
        "concentrated/unit_detail.html",
        {"unit": unit, "year": year, "years": _years(), "item": unit_year(unit, year)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_new(request: HttpRequest) -> HttpResponse:
    """登记集中就业单位."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, PERMISSION)
    form = UnitRegisterForm(request.POST or None)
    return form_page(
        request,
        form,
        template="concentrated/unit_form.html",
        save=lambda data: register_unit(actor=user, uscc=data["uscc"], details=form.details()),
        done=_("已登记为集中就业单位。"),
        next_url=lambda unit: reverse("concentrated:unit", args=[unit.pk]),
        context={"heading": _("登记集中就业单位")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """修改集中就业单位, on the version seen."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, unit_id)
    form = UnitEditForm(
        request.POST or None,
        initial={
            "version": unit.version,
            "unit_type": unit.unit_type,
            "recognised_from": unit.recognised_from,
            "recognition_reference": unit.recognition_reference,
        },
    )
    return form_page(
        request,
        form,
        template="concentrated/unit_form.html",
        save=lambda data: update_unit(
            actor=user, unit_id=unit.pk, version=data["version"], details=form.details()
        ),
        done=_("已保存。"),
        next_url=reverse("concentrated:unit", args=[unit.pk]),
        context={"heading": _("修改集中就业单位"), "unit": unit},
        versioned=(unit, VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vat_edit(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """录入已缴增值税: the twelve months of a year, on the unit's version seen."""
    user: User = request.user  # type: ignore[assignment]
    unit = access_unit(user, unit_id)
    stored = dict(MonthlyVat.objects.filter(unit=unit, year=year).values_list("month", "vat_paid"))
    initial: dict[str, object] = {"version": unit.version}
    initial.update({f"month_{m}": stored.get(m) for m in MONTHS})
    form = VatForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        template="concentrated/vat_form.html",
        save=lambda data: record_vat(
            actor=user, unit_id=unit.pk, version=data["version"], year=year, amounts=form.amounts()
        ),
        done=_("已保存已缴增值税。"),
        next_url=f"{reverse('concentrated:unit', args=[unit.pk])}?year={year}",
        context={"unit": unit, "year": year},
        versioned=(unit, VERSION_ACTIONS),
    )


@login_required
def tax_list(request: HttpRequest) -> HttpResponse:
    """集中就业退税名单: every unit and month of the year, for the tax bureau."""
    user: User = request.user  # type: ignore[assignment]
    year = _year(request)
    page = keyset_page(
        units_visible_to(user), after=parse_cursor(request.GET.get("after")), size=PAGE_SIZE
    )
    return render(
        request,
        "concentrated/tax_list.html",
        {
            "year": year,
            "export_fields": [("year", year)],
            "years": _years(),
            "rows": unit_years(page.items, year),
            "page": page,
            "query": f"year={year}",
        },
    )


@login_required
@require_POST  # with the CSRF token: a link on another site cannot start an export
def tax_list_export(request: HttpRequest, file_format: str) -> FileResponse:
    """The list as CSV or .xlsx, logged (it names employers and their figures, no person)."""
    user: User = request.user  # type: ignore[assignment]
    if file_format not in ("csv", "xlsx"):
        raise NotFound(_("没有找到该页面或记录。"))
    year = _year_of(request.POST.get("year", ""))
    years = unit_years(units_visible_to(user).order_by("pk"), year)
    record_list_export(actor=user, year=year, units=len(years), file_format=file_format)
    name = _("集中就业退税名单-%(year)s") % {"year": year}
    if file_format == "csv":
        return file_download(
            lambda handle: handle.writelines(line.encode() for line in exports.csv_text(years)),
            filename=f"{name}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return file_download(
        lambda handle: exports.write_xlsx(years, handle),
        filename=f"{name}.xlsx",
        content_type=XLSX_TYPE,
    )
