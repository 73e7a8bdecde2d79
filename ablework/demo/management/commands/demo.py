"""`ablework demo`: the embedded database with demo data, served at http://127.0.0.1:8000."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from ablework.accounts.models import User
from ablework.core.private_files import private_directory
from ablework.core.region_names import region_full_name
from ablework.demo.annual_targets import seed_annual_targets_demo
from ablework.demo.declarations import RETURNED_EMPLOYER_ACCOUNT, seed_quota_demo
from ablework.demo.escalation import COUNSELLOR_ACCOUNT as YUELU_COUNSELLOR
from ablework.demo.escalation import seed_escalation_demo
from ablework.demo.events import seed_events_demo
from ablework.demo.graduates import seed_graduates_demo
from ablework.demo.households import seed_households_demo
from ablework.demo.levy import seed_levy_demo
from ablework.demo.market import seed_market_demo
from ablework.demo.organs import SUPERVISOR_ACCOUNT, seed_notices_demo, seed_organs_demo
from ablework.demo.postings import seed_postings_demo
from ablework.demo.referrals import seed_referrals_demo
from ablework.demo.seeding import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    EXTRA_ACCOUNTS,
    create_demo_accounts,
    seed_employers,
    seed_persons,
)
from ablework.demo.seeker import seed_seeker_demo
from ablework.demo.submissions import YANZHOU_ACCOUNT, seed_submissions_demo
from ablework.demo.support import seed_support_demo
from ablework.demo.support_difficulty import seed_difficulty_demo
from ablework.demo.support_plans import seed_support_plans_demo
from ablework.demo.support_records import seed_support_records_demo
from ablework.demo.targets import TARGETS_CHECKER_ACCOUNT, seed_targets_demo
from ablework.indicators.models import RollupPeriod
from ablework.indicators.selectors.source import fresh_since
from ablework.indicators.services.rollup import refresh_rollups
from ablework.jobs.worker import worker_beside

DEMO_PERSONS = 3000
DEMO_EMPLOYERS = 400
DEMO_SEED = 2026


class Command(BaseCommand):
    help = "创建（或沿用）演示数据库，载入演示数据，并启动 Ablework。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--reset", action="store_true", help="删除并重建演示数据库")
        parser.add_argument("--no-serve", action="store_true", help="只准备数据，不启动服务")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("ablework demo 只使用内置 SQLite 数据库；请不要设置 DATABASE_URL。")
        database = Path(settings.DATABASES["default"]["NAME"])
        if options["reset"]:
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            self.stdout.write("已删除旧的演示数据库。")
        private_directory(settings.VAR_DIR)
        call_command("migrate", interactive=False, verbosity=0)
        if not User.objects.filter(username="admin").exists():
            self.stdout.write("正在生成演示数据……")
            seed_employers(count=DEMO_EMPLOYERS, seed=DEMO_SEED)
            seed_persons(count=DEMO_PERSONS, seed=DEMO_SEED)
            accounts = {user.username: user for user in create_demo_accounts()}
            seed_quota_demo(accounts)
            seed_organs_demo(accounts)
            seed_levy_demo(accounts)
            seed_notices_demo(accounts)
            seed_support_plans_demo(accounts)
            seed_support_demo(accounts)
            seed_graduates_demo(accounts)
            seed_support_records_demo(accounts)
            seed_difficulty_demo(accounts)
            seed_households_demo(accounts)
            seed_escalation_demo(accounts)
            seed_postings_demo(accounts)
            seed_seeker_demo(accounts)  # person_user's saved postings, one since closed
            seed_events_demo(accounts)  # 任城区's job fair held, 济宁市's online one to come
            seed_market_demo(accounts)  # 岳麓区's matching market and its batch
            seed_targets_demo(accounts)  # the seed plans' targets, 济宁市's split
            seed_annual_targets_demo(accounts)  # this year's work targets, 济宁 and below
            seed_referrals_demo(accounts)  # a referral in every state, 任城区 and 岳麓区
            seed_submissions_demo(
                accounts
            )  # 任城区's quarters locked, 2026 year awaiting, 兖州区 returned
        else:
            self.stdout.write(f"沿用已有的演示数据库 {database}（--reset 可重建）。")
        if not RollupPeriod.objects.filter(refreshed_at__gte=fresh_since()).exists():
            # The dashboards read the rollup while fresh, as a deployment's nightly refresh
            # keeps it (ablework indicators refresh).
            self.stdout.write("正在刷新监测指标汇总……")
            self.stdout.write(refresh_rollups())
        self._print_accounts(options["host"], options["port"])
        if not options["no_serve"]:
            # Imports and other long work run in a worker process beside the server; it stops
            # when the server stops.
            with worker_beside():
                call_command(
                    "runserver", f"{options['host']}:{options['port']}", use_reloader=False
                )

    def _print_accounts(self, host: str, port: int) -> None:
        self.stdout.write("")
        self.stdout.write(f"Ablework 演示：http://{host}:{port}/")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        for username, _role, region, display_name in [
            *DEMO_ACCOUNTS,
            *EXTRA_ACCOUNTS,
            RETURNED_EMPLOYER_ACCOUNT,
            SUPERVISOR_ACCOUNT,
            YUELU_COUNSELLOR,
            TARGETS_CHECKER_ACCOUNT,
            YANZHOU_ACCOUNT,
        ]:
            where = f" [{region_full_name(region)}]" if region else ""
            self.stdout.write(f"  {username:<22} {display_name}{where}")
        self.stdout.write("")
