"""The one pattern of a page with a form: show it, hand a valid submission to one service, put
the service's typed errors back on the form, or say it is done and move on."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import Promise

from ablework.core.audit_reading import readable_records
from ablework.core.errors import DomainError
from ablework.core.forms import DomainForm
from ablework.core.versioning import StaleRecord, changes_since


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
    versioned: tuple[Any, Collection[str]] | None = None,
) -> HttpResponse:
    """Render `template` with the form; on a valid POST call `save(cleaned_data)` (one service
    call), then flash `done` and redirect to `next_url` (either may be computed from what `save`
    returned). A DomainError from the service is shown on the fields it names.

    `versioned=(record, actions)` for an edit form of a versioned record: a save refused as
    stale answers 409 with what the others saved since (`show_conflict`, in `conflict`)."""
    conflict: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except DomainError as error:
            if isinstance(error, StaleRecord) and versioned is not None:
                record, actions = versioned
                show_conflict(conflict, form, record, error, actions=actions)
            form.add_domain_error(error)
        else:
            messages.success(request, str(done(result) if callable(done) else done))
            return HttpResponseRedirect(next_url(result) if callable(next_url) else next_url)
    status = error_status if form.errors else 200
    if conflict:
        status = StaleRecord.http_status
    page = {"form": form, **(context or {})}
    if versioned is not None:
        page["conflict"] = conflict
    return render(request, template, page, status=status)


def show_conflict(
    conflict: dict[str, Any],
    form: DomainForm,
    record: Any,
    error: StaleRecord,
    *,
    actions: Collection[str],
) -> None:
    """After a save refused as stale: what the others saved since the form was opened, in words
    (`conflict["records"]`, shown by `core/_conflict.html`); the form keeps what the user typed
    and now carries the current version, so saving again (after checking) is a choice."""
    conflict["records"] = readable_records(changes_since(error, actions=actions))
    data = form.data.copy()  # type: ignore[attr-defined]  # the POST's QueryDict
    data["version"] = str(error.current)
    form.data = data
    record.refresh_from_db()  # the page names the record as stored, not as typed
