"""The season assessment as a background job (docs/howto/run-a-job.md)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.jobs.models import Job
from ablework.jobs.progress import job_progress
from ablework.jobs.services import enqueue_job
from ablework.levy.models import AssessmentRun
from ablework.levy.services.assessment import (
    assess_season,
    check_levy_year,
    check_may_assess,
    region_prefix_of,
)


def summary_of(run: AssessmentRun) -> str:
    """One sentence for the job's record and the command."""
    return _(
        "已核定 %(employers)s 家用人单位（经审核确认 %(certified)s 家，视为未安排 %(deemed)s 家，"
        "其中无申报数据 %(no_figures)s 家；无法计算 %(failed)s 家；未核定 %(not_assessed)s 家），"
        "应缴保障金合计 %(total)s 元。"
    ) % {
        "employers": run.employers,
        "certified": run.certified,
        "deemed": run.deemed_none,
        "no_figures": run.no_figures,
        "failed": run.failed,
        "not_assessed": run.not_assessed,
        "total": f"{run.levy_due_total:,.2f}",
    }


def run_assessment(run_id: int, actor_id: int | None) -> str:
    """The job's work: assess the run's region and year, reporting progress."""
    run = AssessmentRun.objects.get(pk=run_id)
    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    progress = job_progress()
    assess_season(
        actor=actor,
        levy_year=run.levy_year,
        region_code=run.region_code,
        progress=progress,
        run=run,
    )
    run.refresh_from_db()
    return summary_of(run)


def start_assessment(*, actor: User, levy_year: int, region_code: str) -> AssessmentRun:
    """Queue the assessment of a region and year (the page's button); the run is recorded now
    and shows the job's progress."""
    code, _prefix = region_prefix_of(region_code)
    check_may_assess(actor, code)
    today = timezone.localdate()
    check_levy_year(levy_year, today)
    with transaction.atomic():
        run = AssessmentRun.objects.create(
            levy_year=levy_year,
            region_code=code,
            assessed_on=today,
            started_by=actor,
        )
        job: Job = enqueue_job(
            actor=actor,
            kind="levy.assess",
            label=_("残保金征收核定：%(year)s 年度 %(region)s")
            % {"year": levy_year, "region": code},
            work=run_assessment,
            arguments=[run.pk, actor.pk],
            result_url=reverse("levy:run", args=[run.pk]),
        )
        run.job = job
        run.save(update_fields=["job", "updated_at"])
    return run
