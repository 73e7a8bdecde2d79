"""The quota facts of an employer's last declarations, for its page: year, status, counted
persons (D) and the levy or reward, read from what was stored at submission — the months'
weights and the rules trace — in one query, whatever the number of declarations or lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from ablework.quota.models import Declaration, DeclarationStatus, LineMonth

# How many of an employer's declarations its page shows, newest year first.
LAST_DECLARATIONS = 5
MONTHS = 12
D_PLACES = Decimal("0.01")
_LABELS = dict(DeclarationStatus.choices)


@dataclass(frozen=True)
class DeclarationSummary:
    """One declaration as the employer's page shows it. `counted` is D (the counted months'
    weights / 12); `levy_due` and `reward` come from the rules trace stored at submission, None
    when nothing was computed yet (a draft) or the jurisdiction has no reward."""

    id: int
    levy_year: int
    status: str
    status_label: str
    counted: Decimal | None
    levy_due: Decimal | None
    reward: Decimal | None
    exempt: bool


# The columns `with_figures` adds, which `summary_of` reads.
FIGURE_FIELDS = (
    "id",
    "levy_year",
    "status",
    "weight_total",
    "levy_due_text",
    "reward_text",
    "exempt_text",
)


def with_figures(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """The declarations with their counted months' weights and the stored trace's levy, reward
    and exemption, in the same query."""
    weights = (
        LineMonth.objects.filter(roster_line__declaration=OuterRef("pk"))
        .order_by()
        .values("roster_line__declaration")
        .annotate(total=Sum("weight"))
        .values("total")
    )
    return declarations.annotate(
        weight_total=Coalesce(Subquery(weights, output_field=IntegerField()), 0),
        levy_due_text=KT("rules_trace__levy_due"),
        reward_text=KT("rules_trace__reward"),
        exempt_text=KT("rules_trace__exempt"),
    )


def last_declarations(
    declarations: QuerySet[Declaration], *, employer_id: int, limit: int = LAST_DECLARATIONS
) -> list[DeclarationSummary]:
    """The employer's last `limit` declarations among `declarations` (already scoped to the
    viewer), newest levy year first; one query."""
    rows = (
        with_figures(declarations.filter(employer_id=employer_id))
        .order_by("-levy_year", "-id")
        .values(*FIGURE_FIELDS)[:limit]
    )
    return [summary_of(row) for row in rows]


def summary_of(row: Mapping[str, Any]) -> DeclarationSummary:
    """One declaration's summary from the `FIGURE_FIELDS` of `with_figures`."""
    levy_due = _amount(row["levy_due_text"])
    return DeclarationSummary(
        id=row["id"],
        levy_year=row["levy_year"],
        status=row["status"],
        status_label=str(_LABELS.get(row["status"], row["status"])),
        counted=(
            (Decimal(row["weight_total"]) / MONTHS).quantize(D_PLACES, ROUND_HALF_UP)
            if levy_due is not None or row["weight_total"]
            else None
        ),
        levy_due=levy_due,
        reward=_amount(row["reward_text"]),
        exempt=str(row["exempt_text"]).lower() in ("true", "1"),
    )


def _amount(text: object) -> Decimal | None:
    """A money string of the trace, or None (absent, JSON null)."""
    if text in (None, "", "null"):
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None
