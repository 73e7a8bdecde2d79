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
from ablework.quota.models import Declaration
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
