"""The panel quota adds to the employer's page (`Section.panels`, core/section_parts.py): the
employer's last declarations with their status, counted persons and levy or reward. The
employers app does not import quota; the shell collects this panel from `quota/sections.py`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.section_parts import Panel, Viewer
from ablework.quota.forms.sample import ProofForm
from ablework.quota.models import Declaration, DeepCheck, DeepCheckOutcome, RosterLine
from ablework.quota.risk.parameters import REVIEW_DAYS
from ablework.quota.selectors.risk import risk_of
from ablework.quota.selectors.summary import last_declarations


def _employer_declarations(viewer: Viewer, employer: Any) -> dict[str, Any]:
    user: User = viewer  # type: ignore[assignment]
    declarations = visible(user, Declaration, permission=Permission.QUOTA_DECLARE)
    summaries = last_declarations(declarations, employer_id=employer.pk)
    return {
        "employer": employer,
        "declarations": [
            (summary, reverse("quota:declaration", args=[summary.id])) for summary in summaries
        ],
    }


EMPLOYER_DECLARATIONS = Panel(
    key="quota-declarations",
    page="employers:employer_detail",
    template="quota/_employer_declarations.html",
    context=_employer_declarations,
    permission=Permission.QUOTA_DECLARE,
    order=10,
)


def _declaration_risk(viewer: Viewer, declaration: Any) -> dict[str, Any] | None:
    """The declaration's risk score and signals, for reviewers (the employer does not see it)."""
    if declaration.status == "draft":
        return None
    return {"declaration": declaration, "risk": risk_of(declaration), "review_days": REVIEW_DAYS}


DECLARATION_RISK = Panel(
    key="quota-risk",
    page="quota:declaration",
    template="quota/_risk_panel.html",
    context=_declaration_risk,
    permission=Permission.QUOTA_REVIEW,
    order=10,
)


def _deep_check(viewer: Viewer, row: Any) -> dict[str, Any] | None:
    """The sampled declaration's panel: the draw, the proofs, the upload form, and for
    reviewers the outcome (None when the declaration was not drawn)."""
    user: User = viewer  # type: ignore[assignment]
    check = DeepCheck.objects.filter(declaration=row).select_related("drawn_by").first()
    if check is None:
        return None
    proofs = list(row.proofs.select_related("uploaded_by"))
    lines = RosterLine.objects.filter(declaration=row).order_by("line").only("line", "name")
    names = {line.line: line.name for line in lines}
    return {
        "declaration": row,
        "check": check,
        "pending": check.outcome == DeepCheckOutcome.PENDING,
        "proofs": [
            (proof, names.get(proof.line) if proof.line is not None else None) for proof in proofs
        ],
        "proof_form": ProofForm(lines=lines, prefix="proof"),
        "reviews": user.has_named_permission(Permission.QUOTA_REVIEW),
    }


DECLARATION_DEEP_CHECK = Panel(
    key="quota-deep-check",
    page="quota:declaration",
    template="quota/_deep_check_panel.html",
    context=_deep_check,
    permission=Permission.QUOTA_DECLARE,
    order=20,
)
