"""Storing the declarations' risk scores (quota/risk/): for a whole levy year and region as a
background job (`start_scoring`, `score_year`; `ablework quota score`), and for one declaration
when it is submitted or resubmitted (`refresh_on_commit`, after the filing commits)."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.jobs.models import Job
from ablework.jobs.progress import job_progress
from ablework.jobs.services import enqueue_job
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.models import Declaration, DeclarationStatus, RiskAssessment
from ablework.quota.risk.scoring import CHUNK, Scored, score_declarations
from ablework.rules.engine.parameters import ParameterTree

logger = logging.getLogger(__name__)

# Declarations that have a score: every filed or returned one (a draft is not the employer's
# word yet; a rejected one is closed).
SCORED_STATUSES = (
    DeclarationStatus.SUBMITTED,
    DeclarationStatus.RETURNED,
    DeclarationStatus.RESUBMITTED,
    DeclarationStatus.CERTIFIED,
)


def store_scores(scored: list[Scored]) -> int:
    """Replace the stored assessments of these declarations (one delete, one bulk insert), and
    copy each score beside its declaration's status (`Declaration.risk_score`, which the review
    queue is sorted by; one UPDATE, which leaves the declaration's version alone)."""
    now = timezone.now()
    ids = [item.declaration_id for item in scored]
    with transaction.atomic():
        RiskAssessment.objects.filter(declaration_id__in=ids).delete()
        RiskAssessment.objects.bulk_create(
            [
                RiskAssessment(
                    declaration_id=item.declaration_id,
                    score=item.score,
                    level=str(item.level),
                    signals=item.signals_json(),
                    top_signal=item.top_signal,
                    declaration_version=item.version,
                    computed_at=now,
                )
                for item in scored
            ],
            batch_size=1000,
        )
        scores = RiskAssessment.objects.filter(declaration=OuterRef("pk")).values("score")[:1]
        Declaration.objects.filter(pk__in=ids).update(
            risk_score=Coalesce(Subquery(scores), Value(0))
        )
    return len(scored)


def declarations_to_score(year: int, region: str = "") -> QuerySet[Declaration]:
    rows = Declaration.objects.filter(levy_year=year, status__in=SCORED_STATUSES)
    if region:
        rows = rows.filter(employer__county_code__startswith=region)
    return rows


def score_year(
    year: int,
    region: str = "",
    *,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> str:
    """Score every scored declaration of the levy year (in the region, when given), a chunk of
    declarations at a time, reporting progress; the job's work."""
    today = today or timezone.localdate()
    progress = job_progress()
    ids = list(declarations_to_score(year, region).order_by("pk").values_list("pk", flat=True))
    high = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        scored = score_declarations(
            Declaration.objects.filter(pk__in=chunk), today=today, tree=tree
        )
        store_scores(scored)
        high += sum(1 for item in scored if item.level == "high")
        progress(min(start + CHUNK, len(ids)), len(ids))
    record_audit(
        actor=None,
        kind=AuditKind.CHANGE,
        action=QuotaAction.RISK_SCORE,
        target_type="quota.riskassessment",
        target_label=f"{year} {region}".strip(),
        region_code=region,
        detail={"levy_year": year, "region": region, "declarations": len(ids), "high": high},
    )
    return _("已为 %(year)s 年度的 %(count)s 份申报计算风险分，其中高风险 %(high)s 份。") % {
        "year": year,
        "count": len(ids),
        "high": high,
    }


def start_scoring(*, actor: User | None, year: int, region: str = "") -> Job:
    """Score a levy year (and region) in the background."""
    return enqueue_job(
        actor=actor,
        kind="quota.score",
        label=_("计算申报风险分：%(year)s 年度 %(region)s")
        % {"year": year, "region": region or _("全部地区")},
        work=score_year,
        arguments=[year, region],
    )


def refresh_scores(declaration_ids: list[int], *, today: date | None = None) -> None:
    """Score these declarations again now (a submission, a resubmission): a few queries."""
    rows = Declaration.objects.filter(pk__in=declaration_ids, status__in=SCORED_STATUSES)
    store_scores(score_declarations(rows, today=today or timezone.localdate()))


def refresh_on_commit(declaration_id: int) -> None:
    """Score the declaration once the filing's transaction commits. A failure is logged and
    leaves the last score (the job scores it again): a filing never fails for its score."""

    def refresh() -> None:
        try:
            refresh_scores([declaration_id])
        except Exception:  # the filing is done; the score is an aid to the review
            logger.exception("risk score of declaration %s failed", declaration_id)

    transaction.on_commit(refresh)
