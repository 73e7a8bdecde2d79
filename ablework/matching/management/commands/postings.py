"""`ablework postings close-expired [--region CODE] [--on YYYY-MM-DD] [--queue]`: close the job
postings of a region (all, without --region) whose validity ended before the day (today in
China by default), audited with the system as actor (matching/services/expiry.py). Run it daily
from cron, shortly after midnight. With --queue it is queued for the worker as a job (followed
on /jobs/<id>/) instead of run here (where it is recorded as a job too)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ablework.jobs.running import running_job
from ablework.jobs.services import enqueue_job, start_job_here
from ablework.matching.services.expiry import close_expired_job, close_expired_summary

KIND = "matching.close_expired"


class Command(BaseCommand):
    help = "招聘岗位：结束有效期届满的岗位（每天运行一次）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        close = commands.add_parser("close-expired", help="结束某地区有效期届满的招聘岗位")
        close.add_argument("--region", default="", help="省、市或县区划代码（2、4或6位）")
        close.add_argument("--on", default="", help="日期 YYYY-MM-DD（默认今天）")
        close.add_argument("--queue", action="store_true", help="交给后台程序运行")

    def handle(self, *args: Any, **options: Any) -> None:
        region = options["region"].strip()
        if region and not (region.isdigit() and len(region) in (2, 4, 6)):
            raise CommandError("--region 须为2位（省）、4位（市）或6位（县）区划代码")
        try:
            day = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on 须为 YYYY-MM-DD 格式的日期") from None
        label = f"结束有效期届满的招聘岗位：{region or '全部地区'} {day.isoformat()}"
        if options["queue"]:
            job = enqueue_job(
                actor=None,
                kind=KIND,
                label=label,
                work=close_expired_job,
                arguments=[region, day.isoformat()],
            )
            self.stdout.write(f"已交给后台程序：任务 {job.pk}")
            return
        job = start_job_here(actor=None, kind=KIND, label=label)
        with running_job(job) as run:
            run.summary = close_expired_summary(on=day, region_code=region)
        self.stdout.write(run.summary)
