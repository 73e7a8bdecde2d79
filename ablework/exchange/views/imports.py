"""Import pages, for every registered import kind: upload with the kind's template and
instructions, the batch page (progress, preview of every row's problems, the commit choice,
the result), the list of batches."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.downloads import file_download
from ablework.core.errors import Conflict, NotFound
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.core.uploads import upload_refused_message
from ablework.exchange.access import (
    access_batch,
    batches_visible_to,
    kinds_allowed,
    proposals_visible_to,
)
from ablework.exchange.batches import (
    ALREADY_COMMITTING,
    TooManyImports,
    discard_batch,
    identical_committed_batch,
    is_interrupted,
    receive_upload,
)
from ablework.exchange.forms import CommitForm, UploadForm
from ablework.exchange.importing.kinds import ImportKind, UnknownKind, import_kind, import_kinds
from ablework.exchange.jobs import start_again, start_check, start_commit
from ablework.exchange.limits import max_problems
from ablework.exchange.models import (
    RUNNING_STATUSES,
    BatchStatus,
    CommitMode,
    ImportBatch,
    ProposalStatus,
)
from ablework.exchange.rejected import write_rejected_rows
from ablework.exchange.selectors import list_batches, problems_of
from ablework.exchange.template import write_template
from ablework.jobs.selectors import status_of
from ablework.jobs.services import notice_stopped_worker

PROBLEMS_PER_PAGE = 100


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _kind_for(user: User, code: str) -> ImportKind:
    """The import kind named in the URL, if the user may import it; otherwise not found."""
    try:
        kind = import_kind(code)
    except UnknownKind:
        raise NotFound("没有找到该页面或记录。") from None
    require_permission(user, kind.permission)
    return kind


def _kind_of(batch: ImportBatch) -> ImportKind | None:
    return None if batch.is_department_list else import_kind(batch.kind)


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    """The batches of the user's region, newest first: come back to a running import here."""
    user = _user(request)
    batches = list_batches(batches=batches_visible_to(user))
    page = keyset_page(batches, after=parse_cursor(request.GET.get("after")), newest_first=True)
    allowed = kinds_allowed(user)
    kinds = [kind for kind in import_kinds() if kind.code in allowed]
    return render(
        request,
        "exchange/batch_list.html",
        {
            "page": page,
            "running": RUNNING_STATUSES,
            "kinds": kinds,
            "can_compare": user.has_named_permission(Permission.PERSONS_EDIT),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a file of one import kind; it is checked in the background and previewed before
    anything is written."""
    user = _user(request)
    chosen = _kind_for(user, kind)
    form = (
        UploadForm(request.POST, request.FILES, refused=upload_refused_message(request))
        if request.method == "POST"
        else UploadForm()
    )
    if form.is_bound and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = receive_upload(
                actor=user, kind=chosen.code, file_name=uploaded.name, chunks=uploaded.chunks()
            )
        except TooManyImports as error:
            form.add_error("file", error.message)
        else:
            start_check(batch)
            return redirect("exchange:batch_detail", batch_id=batch.pk)
    return render(
        request,
        "exchange/upload.html",
        {"form": form, "kind": chosen, "columns": chosen.catalog.columns},
    )


@login_required
def template_download(request: HttpRequest, kind: str) -> FileResponse:
    """An import kind's template with its instructions sheet."""
    chosen = _kind_for(_user(request), kind)
    buffer = io.BytesIO()
    write_template(chosen, buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=chosen.template.file_name, content_type=XLSX_TYPE
    )


@login_required
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    """A batch: progress while running, every problem found, the commit choice, the result."""
    user = _user(request)
    batch = access_batch(user, batch_id)
    if batch.job is not None:
        notice_stopped_worker(batch.job)
    context: dict[str, object] = {
        "batch": batch,
        "job": batch.job,
        "status": status_of(batch.job) if batch.job is not None else None,
        "running": batch.status in RUNNING_STATUSES and not is_interrupted(batch),
        "interrupted": is_interrupted(batch),
        "identical": identical_committed_batch(batch),
        "modes": CommitMode,
        "kind": _kind_of(batch),
        "problem_cap": max_problems(),
    }
    if batch.status not in RUNNING_STATUSES:
        context["problems"] = keyset_page(
            problems_of(batch), after=parse_cursor(request.GET.get("after")), size=PROBLEMS_PER_PAGE
        )
    if batch.is_department_list and batch.status == BatchStatus.CHECKED:
        proposals = proposals_visible_to(user, batch)
        if request.GET.get("show") != "all":
            proposals = proposals.filter(status=ProposalStatus.PENDING)
        context["proposals"] = keyset_page(
            proposals.order_by("pk"), after=parse_cursor(request.GET.get("proposals_after"))
        )
        context["show_all"] = request.GET.get("show") == "all"
    return render(request, "exchange/batch_detail.html", context)


@login_required
@require_POST
def batch_commit(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Write the checked rows: only the valid ones, or all of them only if all passed."""
    batch = access_batch(_user(request), batch_id)
    form = CommitForm(request.POST)
    if batch.status == BatchStatus.WRITING:  # a second press, or a colleague's
        messages.warning(request, str(ALREADY_COMMITTING))
        return redirect("exchange:batch_detail", batch_id=batch.pk)
    if not form.is_valid() or batch.status != BatchStatus.CHECKED or batch.is_department_list:
        raise Conflict(_("这个批次现在不能导入。"))
    try:
        start_commit(batch, CommitMode(form.cleaned_data["mode"]))
    except Conflict as error:  # another request moved it to "writing" first
        messages.warning(request, error.message)
    return redirect("exchange:batch_detail", batch_id=batch.pk)


@login_required
@require_POST
def batch_discard(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Import nothing from this file."""
    user = _user(request)
    batch = access_batch(user, batch_id)
    discard_batch(actor=user, batch=batch)
    messages.success(request, _("已放弃这个文件，登记库没有任何改动。"))
    return redirect("exchange:batch_detail", batch_id=batch.pk)


@login_required
@require_POST
def batch_restart(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Start an interrupted check or commit again (the registry was left as it was)."""
    user = _user(request)
    batch = access_batch(user, batch_id)
    if batch.job is not None:
        notice_stopped_worker(batch.job)
    if not is_interrupted(batch) or not batch.stored_file:
        raise Conflict(_("这个批次没有中断，不需要重新开始。"))
    start_again(actor=user, batch=batch)
    return redirect("exchange:batch_detail", batch_id=batch.pk)


@login_required
def rejected_download(request: HttpRequest, batch_id: int) -> FileResponse:
    """The rejected rows with a reason column, to correct and import again. They hold the
    file's cells (for persons, full identifiers): the kind's reveal permission is needed, and
    the download is logged."""
    user = _user(request)
    batch = access_batch(user, batch_id)
    kind = _kind_of(batch)
    require_permission(user, kind.reveal_permission if kind else Permission.PERSONS_REVEAL)
    return file_download(
        lambda target: write_rejected_rows(actor=user, batch=batch, target=target),
        filename=f"{PurePath(batch.file_name).stem}-未通过的行.xlsx",
        content_type=XLSX_TYPE,
    )
