"""The risk-drawn sample's pages: drawing (a preview of what a draw takes, then the draw), the
proofs of a sampled declaration (upload, download), and the deeper check's outcome; and bulk
certification of a county's low-risk declarations (a preview with the count, then confirm)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.errors import Conflict
from ablework.core.form_pages import form_page
from ablework.core.proof_files import proof_response
from ablework.core.region_names import region_name
from ablework.core.uploads import upload_refused_message
from ablework.quota.access import access_declaration, access_for_review
from ablework.quota.forms.sample import BulkConfirmForm, DrawForm, OutcomeForm, ProofForm
from ablework.quota.models import Declaration, DeepCheck, RosterLine
from ablework.quota.risk import parameters as p
from ablework.quota.selectors.review import counties_of_area
from ablework.quota.services.bulk import (
    BULK_LIMIT,
    certify_low_risk,
    low_risk_in_county,
    parse_items,
    preview_items,
)
from ablework.quota.services.sample import (
    draw_sample,
    open_proof,
    record_outcome,
    sample_candidates,
    upload_proof,
)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _counties(user: User, scoped: Any) -> list[tuple[str, str]]:
    return [(code, region_name(code)) for code in counties_of_area(user, scoped)]


@login_required
@require_http_methods(["GET", "POST"])
def sample(request: HttpRequest) -> HttpResponse:
    """按风险抽取核查: what a draw would take (highest scores first), then the draw."""
    user = _user(request)
    require_permission(user, Permission.QUOTA_REVIEW)
    scoped = visible(user, Declaration, permission=Permission.QUOTA_REVIEW)
    counties = _counties(user, scoped)
    form = DrawForm(request.POST or request.GET or None, counties=counties)
    county = form.cleaned_data.get("county", "") if form.is_valid() else ""
    if request.method == "POST" and form.is_valid():
        drawn = draw_sample(actor=user, county=county)
        if drawn:
            messages.success(
                request,
                _("已按风险分抽取 %(count)s 份申报进行核查，并已通知用人单位上传材料。")
                % {"count": len(drawn)},
            )
        else:
            messages.info(
                request, _("没有可以抽取的申报：待审核的申报都已抽取过，或都没有风险信号。")
            )
        return HttpResponseRedirect(reverse("quota:sample"))
    checks = (
        visible(user, DeepCheck, permission=Permission.QUOTA_REVIEW)
        .select_related("declaration__employer")
        .order_by("outcome", "-score_at_draw", "pk")[:200]
    )
    return render(
        request,
        "quota/sample.html",
        {
            "form": form,
            "candidates": sample_candidates(scoped, county=county),
            "checks": list(checks),
            "sample_size": p.SAMPLE_SIZE,
        },
    )


def _proof_form(request: HttpRequest, row: Declaration, data: Any = None) -> ProofForm:
    lines = RosterLine.objects.filter(declaration=row).order_by("line").only("line", "name")
    return ProofForm(
        data,
        request.FILES if data is not None else None,
        lines=lines,
        refused=upload_refused_message(request),
        prefix="proof",
    )


@login_required
@require_http_methods(["GET", "POST"])
def proof_upload(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """上传核查材料: the employer or the staff, for a line or the whole declaration."""
    user = _user(request)
    row = access_declaration(user, declaration_id)
    if not DeepCheck.objects.filter(declaration=row).exists():
        raise Conflict(_("这份申报没有被抽中核查，不需要上传核查材料。"))
    form = _proof_form(request, row, request.POST or None)

    def save(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return upload_proof(
            actor=user,
            declaration_id=row.pk,
            kind=data["kind"],
            line=form.line_index(),
            name=upload.name,
            size=upload.size,
            content=upload,
        )

    return form_page(
        request,
        form,
        template="quota/proof_upload.html",
        save=save,
        done=_("核查材料已上传。"),
        next_url=reverse("quota:declaration", args=[row.pk]) + "#deep-check-heading",
        context={"declaration": row, "employer": row.employer},
    )


@login_required
@require_GET
def proof_download(request: HttpRequest, declaration_id: int, proof_id: int) -> FileResponse:
    """A proof file, to those who may see the declaration (audited), never cached."""
    proof = open_proof(actor=_user(request), declaration_id=declaration_id, proof_id=proof_id)
    return proof_response(proof.file, filename=proof.original_name, content_type=proof.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def deep_check_outcome(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """记录核查结论."""
    user = _user(request)
    row = access_for_review(user, declaration_id)
    check = DeepCheck.objects.filter(declaration=row).first()
    if check is None:
        return HttpResponseRedirect(reverse("quota:declaration", args=[row.pk]))
    form = OutcomeForm(
        request.POST or None,
        initial={"version": check.version, "outcome": check.outcome, "note": check.outcome_note},
        prefix="outcome",
    )
    return form_page(
        request,
        form,
        template="quota/deep_check_outcome.html",
        save=lambda data: record_outcome(
            actor=user,
            declaration_id=row.pk,
            version=data["version"],
            outcome=data["outcome"],
            note=data["note"],
        ),
        done=_("核查结论已记录。"),
        next_url=reverse("quota:declaration", args=[row.pk]) + "#deep-check-heading",
        context={"declaration": row, "employer": row.employer},
        versioned=(check, ("quota.sample.outcome",)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def bulk_certify(request: HttpRequest) -> HttpResponse:
    """批量审核确认低风险申报: choose a county, see what would be certified and how many, then
    confirm; what changed since the preview is skipped and reported."""
    user = _user(request)
    require_permission(user, Permission.QUOTA_REVIEW)
    scoped = visible(user, Declaration, permission=Permission.QUOTA_REVIEW)
    counties = _counties(user, scoped)
    known = {code for code, _name in counties}
    if request.method == "POST":
        confirm = BulkConfirmForm(request.POST)
        if confirm.is_valid() and confirm.cleaned_data["county"] in known:
            county = confirm.cleaned_data["county"]
            outcome = certify_low_risk(
                actor=user, county=county, items=parse_items(confirm.cleaned_data["items"])
            )
            messages.success(
                request,
                _("已审核确认 %(count)s 份低风险申报。") % {"count": len(outcome.certified)},
            )
            if outcome.skipped:
                messages.warning(
                    request,
                    _("以下 %(count)s 份申报在预览后有变动，已跳过：%(list)s。")
                    % {
                        "count": len(outcome.skipped),
                        "list": "；".join(f"{name}（{why}）" for name, why in outcome.skipped),
                    },
                )
            return HttpResponseRedirect(reverse("quota:review") + f"?county={county}")
    county = request.GET.get("county", "")
    county = county if county in known else ""
    rows = list(low_risk_in_county(scoped, county)[:BULK_LIMIT]) if county else []
    return render(
        request,
        "quota/bulk_certify.html",
        {
            "counties": counties,
            "county": county,
            "rows": rows,
            "limit": BULK_LIMIT,
            "confirm": BulkConfirmForm(initial={"county": county, "items": preview_items(rows)}),
            "low_below": p.LEVEL_MEDIUM_FROM,
        },
    )
