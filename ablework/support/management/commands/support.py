"""`ablework support refresh [--region CODE] [--on YYYY-MM-DD] [--queue]`: bring the "四个一"
queue's precomputed rows (support.models.CycleCase) of a region (all, without --region) up to
date as of a day (today in China by default). Run it daily (cron, shortly after midnight): ages,
certificates' end dates and the overdue threshold move with the calendar, and registry changes
made by imports reach the queue; recognitions of employment difficulty whose validity has
passed end, with their registry flags, and zero-employment households whose registered member
found work in the registry are resolved (support/services/daily.py). With --queue the refresh
is queued for the worker as a job
(followed on /jobs/<id>/) instead of run here (where it is recorded as a job too)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ablework.jobs.running import running_job
from ablework.jobs.services import enqueue_job, start_job_here
from ablework.support.services.daily import daily_job, daily_refresh


class Command(BaseCommand):
    help = "就业服务“四个一”：重新计算待服务名单（每天运行一次）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        refresh = commands.add_parser("refresh", help="重新计算某地区的“四个一”服务情况")
        refresh.add_argument("--region", default="", help="省、市或县区划代码（2、4或6位）")
        refresh.add_argument("--on", default="", help="计算日期 YYYY-MM-DD（默认今天）")
        refresh.add_argument("--queue", action="store_true", help="交给后台程序运行")

    def handle(self, *args: Any, **options: Any) -> None:
        region = options["region"].strip()
        if region and not (region.isdigit() and len(region) in (2, 4, 6)):
            raise CommandError("--region 须为2位（省）、4位（市）或6位（县）区划代码")
        try:
            day = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on 须为 YYYY-MM-DD 格式的日期") from None
        label = f"重新计算“四个一”服务情况：{region or '全部地区'} {day.isoformat()}"
        if options["queue"]:
            job = enqueue_job(
                actor=None,
                kind="support.refresh",
                label=label,
                work=daily_job,
                arguments=[region, day.isoformat()],
            )
            self.stdout.write(f"已交给后台程序：任务 {job.pk}")
            return
        job = start_job_here(actor=None, kind="support.refresh", label=label)
        with running_job(job) as run:
            run.summary = daily_refresh(region_code=region, on=day)
        self.stdout.write(run.summary)
