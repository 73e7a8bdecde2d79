"""Comparing another department's list: upload, then review each proposal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.errors import Invalid
from ablework.core.uploads import upload_refused_message
from ablework.exchange.access import access_batch, proposals_visible_to
from ablework.exchange.batches import TooManyImports, receive_upload
from ablework.exchange.comparison.decisions import decide_proposals
from ablework.exchange.forms import ComparisonUploadForm, DecisionForm
from ablework.exchange.jobs import start_check
from ablework.exchange.models import BatchKind, ProposalStatus


@login_required
@require_http_methods(["GET", "POST"])
def comparison_upload(request: HttpRequest) -> HttpResponse:
    """Upload a department's list to compare with the registry."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.PERSONS_EDIT)
    form = (
        ComparisonUploadForm(request.POST, request.FILES, refused=upload_refused_message(request))
        if request.method == "POST"
        else ComparisonUploadForm()
    )
    if form.is_bound and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = receive_upload(
                actor=user,
                kind=BatchKind(form.cleaned_data["kind"]),
                file_name=uploaded.name,
                chunks=uploaded.chunks(),
            )
        except TooManyImports as error:
            form.add_error("file", error.message)
        else:
            start_check(batch)
            return redirect("exchange:batch_detail", batch_id=batch.pk)
    return render(request, "exchange/comparison_upload.html", {"form": form})


@login_required
@require_POST
def proposals_decide(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Accept or reject one proposal (its own button) or the ticked ones (in bulk)."""
    user: User = request.user  # type: ignore[assignment]
    batch = access_batch(user, batch_id)
    pending = list(
        proposals_visible_to(user, batch)
        .filter(status=ProposalStatus.PENDING)
        .values_list("pk", flat=True)
    )
    data = request.POST.copy()
    if "one" in data:  # a row's own button: "accept:12"
        decision, _sep, proposal_id = str(data.get("one", "")).partition(":")
        data.setlist("proposals", [proposal_id])
        data["decision"] = decision
    form = DecisionForm(data, pending_ids=pending)
    if not form.is_valid():
        raise Invalid(_("请先勾选要审核的建议，并选择采纳或不采纳。"))
    decided = decide_proposals(
        actor=user,
        batch=batch,
        proposal_ids=form.cleaned_data["proposals"],
        accept=form.cleaned_data["decision"] == "accept",
        note=form.cleaned_data["note"],
    )
    verb = _("采纳") if form.cleaned_data["decision"] == "accept" else _("不采纳")
    messages.success(
        request,
        ngettext("已%(verb)s %(count)d 条建议。", "已%(verb)s %(count)d 条建议。", decided)
        % {"verb": verb, "count": decided},
    )
    return redirect("exchange:batch_detail", batch_id=batch.pk)
