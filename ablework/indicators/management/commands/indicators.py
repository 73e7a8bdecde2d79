"""`ablework indicators refresh [--queue]`: recompute the indicators' rollup tables (汇总表,
indicators/services/rollup.py) that dashboards and reports read while fresh. Run it daily (cron,
shortly after midnight, beside `ablework support refresh`); a dashboard whose rollup is older
than INDICATOR_ROLLUP_FRESH_HOURS computes its figures live. With --queue the refresh is queued
for the worker as a job (followed on /jobs/<id>/) instead of run here (where it is recorded as
a job too)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from ablework.indicators.services.rollup import JOB_KIND, job_label, queue_refresh, refresh_rollups
from ablework.jobs.progress import JobProgress
from ablework.jobs.running import running_job
from ablework.jobs.services import start_job_here


class Command(BaseCommand):
    help = "监测指标：刷新指标汇总表（每天运行一次）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        refresh = commands.add_parser("refresh", help="重新计算各指标、各期间、各地区的汇总数")
        refresh.add_argument("--queue", action="store_true", help="交给后台程序运行")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            job = queue_refresh(actor=None)
            self.stdout.write(f"已交给后台程序：任务 {job.pk}")
            return
        job = start_job_here(actor=None, kind=JOB_KIND, label=job_label())
        with running_job(job) as run:
            progress = JobProgress(job.pk)
            try:
                run.summary = refresh_rollups(progress=progress)
            finally:
                progress.close()
        self.stdout.write(run.summary)
