"""The public notice (公示) for everyone, signed in or not: the list of published notices, each
notice as a page, its PDF (issued at approval), its open data as CSV and JSON
(docs/public-notice.md), and the form to object to it. Only a published notice exists here:
a draft or a refused one answers 404 like a number that was never used. What is shown is the
snapshot frozen at approval; it holds units only, never a person."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.views import client_address
from ablework.core.errors import TooManyRequests
from ablework.core.form_pages import form_page
from ablework.core.open_data import csv_download, download, json_download, public
from ablework.core.pagination import Page, keyset_page_by, keyset_page_in, parse_cursor
from ablework.core.rate_limits import count_request
from ablework.core.region_names import region_name
from ablework.organs.defaults import APPEALS_PER_HOUR
from ablework.organs.forms import AppealForm
from ablework.organs.models import NoticeStatus, PublicNotice
from ablework.organs.services.notices import receive_appeal

# The open data's columns, in order (docs/public-notice.md documents each).
CSV_COLUMNS = (
    ("unit", "单位名称"),
    ("kind", "单位类型代码"),
    ("kind_label", "单位类型"),
    ("county", "所在县（市、区）"),
    ("compliance", "达标情况代码"),
    ("compliance_label", "达标情况"),
    ("counted", "安排残疾人就业人数"),
    ("staff", "在职职工年平均人数"),
    ("ratio_percent", "安排比例（%）"),
)
SCHEMA_VERSION = "1"
# Units a page of a notice shows, notices a page of the lists (the files hold every unit).
ROWS_PER_PAGE = 100
NOTICES_PER_PAGE = 50


def rows_page(request: HttpRequest, rows: list[dict[str, Any]]) -> Page[tuple[int, dict[str, Any]]]:
    """One page of a notice's frozen rows: the cursor is the position of the last row shown
    (the rows of a notice never move once frozen; a draft's are read again only on refresh)."""
    return keyset_page_in(
        list(enumerate(rows, 1)),
        key=lambda numbered: numbered[0],
        after=parse_cursor(request.GET.get("after")),
        size=ROWS_PER_PAGE,
    )


def _published(notice_id: int) -> PublicNotice:
    found = PublicNotice.objects.filter(pk=notice_id, status=NoticeStatus.PUBLISHED).first()
    if found is None:
        raise Http404
    return found


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """Every published notice, newest first, 50 a page."""
    page = keyset_page_by(
        PublicNotice.objects.filter(status=NoticeStatus.PUBLISHED),
        field="published_on",
        descending=True,
        after=parse_cursor(request.GET.get("after")),
        size=NOTICES_PER_PAGE,
    )
    return public(
        render(
            request,
            "organs/public_list.html",
            {"notices": page.items, "page": page, "query": ""},
        )
    )


@require_GET
def public_notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    """One published notice: its units, dates, downloads and how to object."""
    notice = _published(notice_id)
    today = timezone.localdate()
    page = rows_page(request, notice.rows)
    return public(
        render(
            request,
            "organs/public_notice.html",
            {
                "notice": notice,
                "rows": [row for _n, row in page.items],
                "page": page,
                "query": "",
                "total_rows": len(notice.rows),
                "region": region_name(notice.region_code),
                "appeals_open": notice.appeal_until is not None and today <= notice.appeal_until,
                "appeals": notice.appeals.count(),
                "answered": notice.appeals.filter(status="answered").count(),
            },
        )
    )


@require_GET
def public_pdf(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The PDF issued at approval, unchanged."""
    notice = _published(notice_id)
    if not notice.pdf:
        raise Http404
    return download(
        bytes(notice.pdf),
        content_type="application/pdf",
        name=f"{notice.title}.pdf",
        fallback=f"notice-{notice.pk}.pdf",
    )


def open_data(notice: PublicNotice) -> dict[str, Any]:
    """The notice as the JSON open data (schema in docs/public-notice.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "title": notice.title,
        "year": notice.year,
        "region_code": notice.region_code,
        "region_name": region_name(notice.region_code),
        "published_on": notice.published_on.isoformat() if notice.published_on else None,
        "appeal_until": notice.appeal_until.isoformat() if notice.appeal_until else None,
        "verification_code": notice.document.display_code if notice.document else None,
        "units": [{key: row.get(key) for key, _label in CSV_COLUMNS} for row in notice.rows],
    }


@require_GET
def public_json(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = _published(notice_id)
    return json_download(
        open_data(notice), name=f"{notice.title}.json", fallback=f"notice-{notice.pk}.json"
    )


@require_GET
def public_csv(request: HttpRequest, notice_id: int) -> HttpResponse:
    """One row per unit (core/open_data.py: UTF-8 with a byte-order mark, the column codes)."""
    notice = _published(notice_id)
    return csv_download(
        [key for key, _label in CSV_COLUMNS],
        notice.rows,
        name=f"{notice.title}.csv",
        fallback=f"notice-{notice.pk}.csv",
    )


@require_http_methods(["GET", "POST"])
def appeal_new(request: HttpRequest, notice_id: int) -> HttpResponse:
    """The public's objection to a published notice within its window; each address may send
    `APPEALS_PER_HOUR` an hour (429 beyond)."""
    notice = _published(notice_id)
    form = AppealForm(request.POST or None)
    context = {"notice": notice, "region": region_name(notice.region_code)}
    if request.method == "POST":
        try:
            count_request(
                key=f"organs.appeal:{client_address(request)}",
                limit=APPEALS_PER_HOUR,
                window_seconds=3600,
            )
        except TooManyRequests as error:
            form.is_valid()
            form.add_error(None, error.message)
            return render(request, "organs/appeal_form.html", {**context, "form": form}, status=429)
    return form_page(
        request,
        form,
        template="organs/appeal_form.html",
        save=lambda data: receive_appeal(
            notice=notice,
            name=data["name"],
            contact=data["contact"],
            objection=data["objection"],
        ),
        done=_("已收到您的异议，工作人员核实后会与您联系。"),
        next_url=reverse("notice:public_notice", args=[notice.pk]),
        context=context,
    )
