"""The public verification page, which anyone holding a printed document can use unsigned, and
the staff's register of the documents issued in their area."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.core.errors import DomainError
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.printing.access import access_document, documents_visible_to
from ablework.printing.codes import grouped, normalise
from ablework.printing.forms import WithdrawForm
from ablework.printing.models import IssuedDocument
from ablework.printing.selectors import find_document
from ablework.printing.services import withdraw_document


@never_cache
@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form to type a code; a typed code goes on to its own page."""
    typed = request.GET.get("code", "")
    if not typed.strip():
        return _page(request, typed="", document=None, asked=False)
    code = normalise(typed)
    if code is None:
        return _page(request, typed=typed, document=None, asked=True)
    return HttpResponseRedirect(reverse("printing:verify", args=[grouped(code)]))


@never_cache
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What a document states and whether it stands; the same "not found" for any other code."""
    document = find_document(typed_code=code)
    if document is not None and code != document.display_code:
        return HttpResponseRedirect(reverse("printing:verify", args=[document.display_code]))
    return _page(request, typed=code, document=document, asked=True)


def _page(
    request: HttpRequest, *, typed: str, document: IssuedDocument | None, asked: bool
) -> HttpResponse:
    response = render(
        request,
        "printing/verify.html",
        {"document": document, "typed": typed[:40], "asked": asked},
        status=404 if asked and document is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    """The documents issued in the user's area, newest first, with their status."""
    user: User = request.user  # type: ignore[assignment]
    documents = documents_visible_to(user).select_related("issued_by", "superseded_by")
    page = keyset_page(documents, after=parse_cursor(request.GET.get("after")), newest_first=True)
    return render(request, "printing/document_list.html", {"page": page, "query": ""})


@login_required
@require_http_methods(["GET", "POST"])
def document_withdraw(request: HttpRequest, document_id: int) -> HttpResponse:
    """Withdraw a document: from then on its verification page says it no longer stands."""
    user: User = request.user  # type: ignore[assignment]
    document = access_document(user, document_id)
    if document.is_withdrawn:
        return render(request, "printing/document_withdraw.html", {"document": document})
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            withdraw_document(actor=user, document=document, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已撤回该文件，核验页面将显示“已撤回”。"))
            return HttpResponseRedirect(reverse("printing:document_list"))
    return render(request, "printing/document_withdraw.html", {"document": document, "form": form})
