"""`ablework quota check | submit --input declaration.json [--as USERNAME]`, or a roster file:
`--input roster.xlsx --employer USCC --year Y --headcount … --wage-total …` (headcount: twelve
monthly counts separated by commas, or the annual average); `ablework quota template FILE`
writes the roster template; `ablework quota assess --year Y [--region CODE] [--output FILE]`
runs the season assessment and writes the tax bureau's list (ablework/levy/command.py);
`ablework quota score --year Y [--region CODE]` computes the risk scores of the year's
declarations (of a province, city or county) as a recorded job.

    check   prints {"problems", "counted", "worksheet"}; exit 0 (no error), 1 (an error),
            2 (the input cannot be read, or no such employer for this account)
    submit  the same checks; stores the declaration as submitted and prints its id and status,
            or refuses it (exit 1), storing nothing

Without --as the command acts as the system administrator (as `ablework import` does).
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.exchange.management.accounts import command_actor
from ablework.exchange.reading import UnreadableFile
from ablework.jobs.running import running_job
from ablework.jobs.services import start_job_here
from ablework.quota.inputs import (
    DeclarationInput,
    Headcount,
    UnreadableDeclaration,
    amount_of,
    read_declaration,
)
from ablework.quota.roster import DeclarationFacts, read_roster, write_roster_template
from ablework.quota.selectors import CheckResult
from ablework.quota.services import DeclarationRefused, check_for, submit_declaration
from ablework.quota.services.risk import score_year

UNREADABLE = 2
HAS_ERRORS = 1


class Command(BaseCommand):
    def _score(self, year: int, region: str) -> None:
        """Score the year's declarations here, as a job others can follow on its page."""
        region = region.strip()
        if region and not (region.isdigit() and len(region) in (2, 4, 6)):
            raise CommandError("--region 须为2位（省）、4位（市）或6位（县）区划代码")
        job = start_job_here(
            actor=None,
            kind="quota.score",
            label=f"命令行计算申报风险分：{year} 年度 {region or '全部地区'}",
        )
        with running_job(job) as run:
            run.summary = score_year(year, region)
        self.stdout.write(run.summary)

    help = "按比例就业年审：检查（check）或提交（submit）用人单位的申报。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        for name, text in (("check", "检查申报，不保存"), ("submit", "检查并提交申报")):
            sub = commands.add_parser(name, help=text)
            sub.add_argument(
                "--input", required=True, help="申报 JSON 文件（- 表示标准输入），或名单 .xlsx/.csv"
            )
            sub.add_argument("--as", dest="username", help="以哪个账户的身份（决定可申报的单位）")
            sub.add_argument("--employer", help="名单文件：用人单位统一社会信用代码")
            sub.add_argument("--year", type=int, help="名单文件：费款所属年度")
            sub.add_argument(
                "--headcount", help="名单文件：12个月的职工人数（逗号分隔）或年平均人数"
            )
            sub.add_argument("--wage-total", dest="wage_total", help="名单文件：职工工资总额（元）")
        score = commands.add_parser("score", help="计算某年度（某地区）申报的风险分")
        score.add_argument("--year", type=int, required=True, help="费款所属年度")
        score.add_argument("--region", default="", help="区划代码（省、市或县），默认全部")
        template = commands.add_parser("template", help="写出残疾职工名单模板（.xlsx）")
        template.add_argument("output", help="模板文件路径")
        assess = commands.add_parser(
            "assess", help="残保金征收核定：按年度核定辖区每个用人单位，并写出税务部门清单"
        )
        assess.add_argument("--year", type=int, required=True, help="费款所属年度")
        assess.add_argument("--region", default="", help="省、市或县级区划代码（默认：全部）")
        assess.add_argument("--output", help="税务部门清单 CSV 的路径")
        assess.add_argument("--as", dest="username", help="以哪个账户的身份（决定可核定的区划）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "assess":
            self._assess(options)
            return
        if options["subcommand"] == "score":
            self._score(options["year"], options["region"])
            return
        if options["subcommand"] == "template":
            write_roster_template(Path(options["output"]))
            self.stdout.write(f"名单模板已写入：{options['output']}")
            return
        actor = command_actor(options.get("username"))
        source = options["input"]
        if Path(source).suffix.lower() in ROSTER_SUFFIXES:
            declaration = _read_roster(Path(source), options)
            for notice in declaration.notices:
                self.stderr.write(notice)
        else:
            declaration = _read(source)
        try:
            if options["subcommand"] == "check":
                result = check_for(actor=actor, declaration=declaration)
                self._print(result)
                if result.has_errors:
                    raise SystemExit(HAS_ERRORS)
                return
            try:
                stored, result = submit_declaration(actor=actor, declaration=declaration)
            except DeclarationRefused as refused:
                self._print(refused.result)
                self.stderr.write(refused.message)
                raise SystemExit(HAS_ERRORS) from None
            except Conflict as conflict:
                raise CommandError(conflict.message, returncode=HAS_ERRORS) from None
        except NotFound as missing:
            raise CommandError(missing.message, returncode=UNREADABLE) from None
        self.stdout.write(
            json.dumps(
                {"id": stored.pk, "status": stored.status, **result.to_json()},
                ensure_ascii=False,
                indent=2,
            )
        )

    def _assess(self, options: dict[str, Any]) -> None:
        """The season assessment lives in the levy app (quota imports levy only here)."""
        from ablework.levy.command import run_assess_command

        try:
            run_assess_command(
                actor=command_actor(options.get("username")),
                levy_year=options["year"],
                region_code=options["region"],
                output=options.get("output"),
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except (NotFound, Invalid) as refused:
            raise CommandError(refused.message, returncode=UNREADABLE) from None

    def _print(self, result: CheckResult) -> None:
        self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))


def _read(source: str) -> DeclarationInput:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        payload = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"无法读取 {source}：{error}", returncode=UNREADABLE) from None
    try:
        return read_declaration(payload)
    except UnreadableDeclaration as error:
        raise CommandError(
            f"{source} 中 {error.path}：{error.reason}", returncode=UNREADABLE
        ) from None


ROSTER_SUFFIXES = (".xlsx", ".xls", ".csv")


def _read_roster(path: Path, options: dict[str, Any]) -> DeclarationInput:
    missing = [
        f"--{name.replace('_', '-')}"
        for name in ("employer", "year", "headcount", "wage_total")
        if not options.get(name)
    ]
    if missing:
        raise CommandError(f"读取名单文件还需要：{'、'.join(missing)}", returncode=UNREADABLE)
    try:
        facts = DeclarationFacts(
            employer=options["employer"].strip().upper(),
            levy_year=options["year"],
            headcount=_headcount(options["headcount"]),
            wage_total=amount_of(options["wage_total"], "--wage-total"),
        )
        return read_roster(path, facts)
    except UnreadableDeclaration as error:
        raise CommandError(f"{error.path}：{error.reason}", returncode=UNREADABLE) from None
    except UnreadableFile as error:  # the message names the file
        raise CommandError(error.message, returncode=UNREADABLE) from None
    except OSError as error:
        raise CommandError(f"无法读取 {path}：{error}", returncode=UNREADABLE) from None


def _headcount(text: str) -> Headcount:
    parts = [part.strip() for part in text.replace("，", ",").split(",")]
    if len(parts) == 1:
        return Headcount(annual_average=amount_of(parts[0], "--headcount"))
    if len(parts) != 12 or not all(part.isdigit() for part in parts):
        raise UnreadableDeclaration("--headcount", "应为12个月的人数（逗号分隔）或年平均人数")
    return Headcount(monthly=tuple(int(part) for part in parts))
