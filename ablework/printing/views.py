"""The public verification page: anyone holding a printed document can check it, unsigned."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ablework.printing.codes import grouped, normalise
from ablework.printing.models import IssuedDocument
from ablework.printing.selectors import find_document


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
