"""The one pattern of a page with a form: show it, hand a valid submission to one service, put
the service's typed errors back on the form, or say it is done and move on."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise

from ablework.core.errors import DomainError
from ablework.core.forms import DomainForm


def form_page(
    request: HttpRequest,
    form: DomainForm,
    *,
    template: str,
    save: Callable[[dict[str, Any]], Any],
    done: str | Promise | Callable[[Any], str],
    next_url: str | Callable[[Any], str],
    context: Mapping[str, Any] | None = None,
    error_status: int = 200,
) -> HttpResponse:
    """Render `template` with the form; on a valid POST call `save(cleaned_data)` (one service
    call), then flash `done` and redirect to `next_url` (either may be computed from what `save`
    returned). A DomainError from the service is shown on the fields it names."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, str(done(result) if callable(done) else done))
            return HttpResponseRedirect(next_url(result) if callable(next_url) else next_url)
    status = error_status if form.errors else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)
