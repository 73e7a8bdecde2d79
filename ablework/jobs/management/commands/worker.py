"""`ablework worker`: run background jobs (imports, comparisons …) as they are queued.

Production runs one or more of these beside the web server. At start the worker records as
failed the jobs this machine left running in a process that has gone, so they can run again,
removes the files of jobs finished more than a week ago (jobs/results.py), and tells the
domains it is starting (jobs/signals.py) so they can tidy up after it.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from ablework.jobs.results import remove_expired_results
from ablework.jobs.services import fail_orphaned_jobs
from ablework.jobs.signals import worker_started


class Command(BaseCommand):
    help = "运行后台任务（导入、比对等）：排队的任务逐个执行，直到被停止。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="没有任务时多久查看一次（秒，默认 1）"
        )
        parser.add_argument("--batch", action="store_true", help="执行完已排队的任务后退出")
        parser.add_argument("--max-tasks", type=int, default=None, help="最多执行几个任务后退出")

    def handle(self, *args: Any, **options: Any) -> None:
        orphaned = fail_orphaned_jobs()
        if orphaned:
            self.stderr.write(f"上次中断的任务已标记为未完成，可以重新开始：{orphaned} 个。")
        remove_expired_results()
        worker_started.send(sender=self.__class__)
        # No reloading and no threads: the import's helper process is forked only from a
        # process without other threads (exchange/importing/checking.py).
        call_command(
            "db_worker",
            interval=options["interval"],
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
        )
