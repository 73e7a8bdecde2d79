"""`ablework match-batch --region CODE [--on YYYY-MM-DD] [--queue]`: batch recommendations for a
county (6 digits) or city (4 digits, or 6 ending in 00) as of a day (today in China by
default), audited with the system as actor (matching/services/batches.py). Runs here, recorded
as a job with its progress, or with --queue is queued for the worker (followed on /jobs/<id>/).
One queued or running batch per region: a second is refused (exit 1)."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ablework.core.errors import DomainError
from ablework.jobs.models import Job
from ablework.jobs.running import running_job
from ablework.matching.services.batch_run import run_batch_job
from ablework.matching.services.batches import start_batch


class Command(BaseCommand):
    help = "批量推荐：为一个市或县（市、区）的求职者计算推荐岗位并保存"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--region", required=True, help="县（6位）或市（4位）区划代码")
        parser.add_argument("--on", default="", help="匹配日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--queue", action="store_true", help="交给后台程序运行")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on 须为 YYYY-MM-DD 格式的日期") from None
        try:
            run = start_batch(
                actor=None, region_code=options["region"], on=day, queue=options["queue"]
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        if options["queue"]:
            self.stdout.write(f"已交给后台程序：任务 {run.job_id}（批量推荐第 {run.pk} 次）")
            return
        job = Job.objects.get(pk=run.job_id or 0)
        with running_job(job) as record:
            record.summary = run_batch_job(run.pk)
        self.stdout.write(record.summary)
