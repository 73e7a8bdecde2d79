"""A declaration's stored risk score as its page shows it: the level, each raised signal with
its title, weight and plain explanation, and whether the declaration changed since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ablework.quota.models import Declaration, RiskAssessment
from ablework.quota.risk.signals import LEVEL_LABELS, Level, explain, title
from ablework.quota.transitions import AWAITING_REVIEW


@dataclass(frozen=True)
class ShownSignal:
    code: str
    title: str
    weight: int
    explanation: str
    lines: list[int]


@dataclass(frozen=True)
class ShownRisk:
    score: int
    level: str
    level_label: str
    signals: list[ShownSignal]
    computed_at: datetime
    stale: bool


def shown_risk(assessment: RiskAssessment, declaration: Declaration) -> ShownRisk:
    return ShownRisk(
        score=assessment.score,
        level=assessment.level,
        level_label=str(LEVEL_LABELS[Level(assessment.level)]),
        signals=[
            ShownSignal(
                code=signal["code"],
                title=title(signal),
                weight=int(signal["weight"]),
                explanation=explain(signal),
                lines=[line + 1 for line in signal.get("lines", [])],
            )
            for signal in assessment.signals
        ],
        computed_at=assessment.computed_at,
        stale=assessment.declaration_version != declaration.version
        and declaration.status in AWAITING_REVIEW,
    )


def risk_of(declaration: Declaration) -> ShownRisk | None:
    """The declaration's stored score (one query), None when it has none yet."""
    found = RiskAssessment.objects.filter(declaration_id=declaration.pk).first()
    return shown_risk(found, declaration) if found is not None else None
