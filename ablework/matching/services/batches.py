"""Starting batch recommendations for a county or city (`start_batch`): who may, for where, and
one queued or running batch per region at a time (409 for a second). The work itself, run by
the worker as a job, is `batch_run.run_batch`."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.jobs.models import Job, JobState
from ablework.jobs.running import WORKER_STOPPED
from ablework.jobs.services import enqueue_job, notice_stopped_worker, start_job_here
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.engine import DEFAULT_TOP, InvalidMarket, weights_on
from ablework.matching.engine.weights import weights_in_force_since
from ablework.matching.models import ACTIVE_RUN_STATES, RecommendationRun, RunStatus
from ablework.matching.services.batch_run import run_batch_job

BATCH = Permission.MATCHING_BATCH
JOB_KIND = "matching.batch"


def batch_region(code: str) -> Region:
    """The county or city a batch is for, from its code (a city as `3708` or `370800`); Invalid
    for any other code."""
    code = code.strip()
    if len(code) == 4 and code.isdigit():
        code = f"{code}00"
    region = Region.objects.filter(
        code=code, level__in=(RegionLevel.CITY, RegionLevel.COUNTY)
    ).first()
    if region is None:
        raise Invalid(
            _("批量推荐的地区应当是一个市或县（市、区）的区划代码：%(code)s") % {"code": code}
        )
    return region


def release_stopped_runs(region_code: str) -> None:
    """A queued or running batch whose job has failed (its worker stopped) is recorded as
    failed, so that the region can be run again."""
    for run in RecommendationRun.objects.filter(
        region_code=region_code, status__in=ACTIVE_RUN_STATES
    ).select_related("job"):
        if run.job is None:
            continue
        job = notice_stopped_worker(run.job)
        if job.state == JobState.FAILED:
            RecommendationRun.objects.filter(pk=run.pk, status__in=ACTIVE_RUN_STATES).update(
                status=RunStatus.FAILED, message=job.message or WORKER_STOPPED
            )


def start_batch(
    *,
    actor: User | None,
    region_code: str,
    on: date,
    top: int = DEFAULT_TOP,
    queue: bool = True,
) -> RecommendationRun:
    """Record a batch for the county or city and queue its job for the worker once the
    transaction commits (queue=False: a job this process runs itself, `ablework match-batch`).
    `actor` None is the system (the command). Audited."""
    if actor is not None:
        require_permission(actor, BATCH)
    region = batch_region(region_code)
    prefix = region.scope_prefix
    if actor is not None and not scope_of(actor).covers_code(prefix):
        raise NotFound(_("没有找到该区划。"))
    try:
        weights = weights_on(on)
    except InvalidMarket as error:
        raise Invalid(error.problems[0].message, field="on") from None
    release_stopped_runs(prefix)
    active = RecommendationRun.objects.filter(region_code=prefix, status__in=ACTIVE_RUN_STATES)
    running = active.first()
    if running is not None:
        raise Conflict(
            _("%(region)s 已有一次批量推荐正在进行（%(day)s 开始的第 %(id)s 号），请等它完成。")
            % {"region": region.name, "day": running.created_at.date(), "id": running.pk}
        )
    try:
        with transaction.atomic():
            run = RecommendationRun.objects.create(
                region_code=prefix,
                as_of=on,
                top=top,
                started_by=actor,
                weights={part: str(value) for part, value in vars(weights).items()},
                weights_since=weights_in_force_since(on),
            )
            label = _("批量推荐：%(region)s %(day)s") % {
                "region": region.name,
                "day": on.isoformat(),
            }
            url = reverse("matching:batch_detail", args=[run.pk])
            if queue:
                job = enqueue_job(
                    actor=actor,
                    kind=JOB_KIND,
                    label=label,
                    work=run_batch_job,
                    arguments=[run.pk],
                    result_url=url,
                )
            else:
                job = start_job_here(actor=actor, kind=JOB_KIND, label=label, result_url=url)
            run.job = job
            run.save(update_fields=["job"])
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=MatchingAction.BATCH_START,
                target=run,
                target_label=label,
                region_code=region.code[:6],
                detail={"region": prefix, "as_of": on.isoformat(), "top": top},
            )
    except IntegrityError:  # another batch of the region was started at the same moment
        raise Conflict(
            _("%(region)s 已有一次批量推荐正在进行，请等它完成。") % {"region": region.name}
        ) from None
    return run


def job_of(run: RecommendationRun) -> Job | None:
    """The run's job, with a stopped worker noticed (its run then recorded as failed)."""
    if run.job is None:
        return None
    if run.is_active:
        release_stopped_runs(run.region_code)
        run.refresh_from_db()
    return run.job
