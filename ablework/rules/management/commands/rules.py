"""`ablework rules calc | test | simulate`: the rules engine on the command line.

    ablework rules calc --input situation.json [--lang en]   # exit 0, 1 (an error), 2 (unreadable)
    ablework rules test [FILES…]                              # YAML cases; exit 1 if any fails
    ablework rules simulate --year 2025 --reform reform.yaml \\
        --employers e.parquet --employee-months m.parquet [--by city] [--csv totals.csv]
    ablework rules local set NAME --region CODE --from DATE --value VALUE --reference TEXT \\
        [--as USERNAME]                                       # exit 1 when refused
    ablework rules local list [--region CODE]

`calc` and `simulate` use the approved local values (ablework/parameters) over the YAML files;
`test` checks the shipped YAML files alone.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ablework.rules.calc.service import calculate, results_have_errors
from ablework.rules.casebook import load_cases, run_case
from ablework.rules.engine.errors import InvalidParameterFile, RuleError
from ablework.rules.engine.parameters import without_local_values
from ablework.rules.engine.text import parse_language

UNREADABLE = 2
REFUSED = 1


class Command(BaseCommand):
    """The `rules` command and its subcommands."""

    help = "Rules engine: calc (the calculation contract), test (YAML cases), simulate (reforms)."
    # The engine needs no database or URL configuration: skip the project's system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        """One subparser per subcommand."""
        commands = parser.add_subparsers(dest="subcommand", required=True)
        calc = commands.add_parser("calc", help="evaluate situations (JSON) with a legal trace")
        calc.add_argument("--input", required=True, help="JSON file, or - for standard input")
        calc.add_argument("--lang", default="zh", help="zh (default) or en")
        test = commands.add_parser("test", help="run the YAML rule cases")
        test.add_argument("paths", nargs="*", type=Path, help="case files or folders")
        simulate = commands.add_parser("simulate", help="levy totals with and without a reform")
        simulate.add_argument("--year", type=int, required=True, help="levy year (费款所属期)")
        simulate.add_argument("--reform", type=Path, required=True, help="reform YAML file")
        simulate.add_argument("--employers", type=Path, required=True, help="Parquet or CSV")
        simulate.add_argument("--employee-months", type=Path, required=True, help="Parquet or CSV")
        simulate.add_argument("--assessed-on", type=date.fromisoformat, default=None)
        simulate.add_argument("--by", choices=["province", "city", "county"], default="province")
        simulate.add_argument("--csv", type=Path, default=None, help="write the table as CSV")
        local = commands.add_parser("local", help="本地参数：设置（待第二人审核）和列出")
        local_commands = local.add_subparsers(dest="local_command", required=True)
        local_set = local_commands.add_parser("set", help="为某一区划设置参数的本地值")
        local_set.add_argument("name", help="参数名称，例如 wages.minimum_wage_monthly")
        local_set.add_argument("--region", required=True, help="省、市或县级区划代码")
        local_set.add_argument("--from", dest="effective_from", required=True, help="起始日期")
        local_set.add_argument("--value", required=True, help="数值（金额写数字，例如 2100）")
        local_set.add_argument("--reference", required=True, help="依据：文件名称、文号或网址")
        local_set.add_argument(
            "--as", dest="username", help="以哪个账户的身份提出（需本辖区另一位管理员审核）"
        )
        local_list = local_commands.add_parser("list", help="列出本地参数值")
        local_list.add_argument("--region", default="", help="只列出该区划及其下级")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the chosen subcommand."""
        subcommand = options["subcommand"]
        if subcommand == "calc":
            self.calc(options["input"], options["lang"])
        elif subcommand == "test":
            with without_local_values():
                self.test(options["paths"])
        elif subcommand == "local":
            local_command(self, options)
        else:
            self.simulate(options)

    def calc(self, source: str, lang: str) -> None:
        """Evaluate one situation or an array; print the result(s) as JSON."""
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
            payload = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"cannot read {source}: {error}", returncode=UNREADABLE) from None
        results = calculate(payload, language=parse_language(lang))
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if results_have_errors(results):
            raise SystemExit(1)

    def test(self, paths: list[Path]) -> None:
        """Run YAML cases; exit 1 when any fails."""
        missing = [path for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"no such file: {missing[0]}", returncode=UNREADABLE)
        results = [run_case(case) for case in load_cases(paths or None)]
        failed = [result for result in results if not result.passed]
        for result in failed:
            self.stdout.write(f"FAIL {result.case.path.name}: {result.case.name}")
            for difference in result.differences:
                self.stdout.write(f"     {difference}")
        self.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed")
        if failed:
            raise SystemExit(1)

    def simulate(self, options: dict[str, Any]) -> None:
        """Totals by region and employer kind, with and without the reform."""
        from ablework.rules.batch.simulation import read_population, simulate_reform

        try:
            employers, months = read_population(options["employers"], options["employee_months"])
            table = simulate_reform(
                employers,
                months,
                year=options["year"],
                reform_path=options["reform"],
                assessed_on=options["assessed_on"],
                by=options["by"],
            )
        except (OSError, InvalidParameterFile, RuleError) as error:
            raise CommandError(str(error), returncode=UNREADABLE) from None
        self.stdout.write(table.render())
        if options["csv"]:
            table.frame.write_csv(options["csv"])
            self.stdout.write(f"CSV: {options['csv']}")
        if table.errors:
            raise SystemExit(1)


def local_command(command: BaseCommand, options: dict[str, Any]) -> None:
    """`rules local set` and `rules local list` (a database is needed here)."""
    from ablework.core.errors import DomainError
    from ablework.exchange.management.accounts import command_actor
    from ablework.parameters.selectors import all_local_values
    from ablework.parameters.services import propose_local_value

    if options["local_command"] == "list":
        for line in local_value_lines(all_local_values(region_code=options["region"])):
            command.stdout.write(line)
        return
    actor = command_actor(options["username"])
    try:
        row = propose_local_value(
            actor,
            name=options["name"],
            region=options["region"],
            effective_from=options["effective_from"],
            value=options["value"],
            reference=options["reference"],
        )
    except DomainError as error:
        raise CommandError(error.message, returncode=REFUSED) from None
    if actor is None:
        command.stdout.write(f"已生效（系统管理员在服务器上直接设定，已记入审计）：{row}")
    else:
        command.stdout.write(f"已提出，待本辖区另一位管理员审核后生效（编号 {row.pk}）：{row}")


def local_value_lines(rows: Any) -> list[str]:
    """One tab-separated line per local value, with a header."""
    lines = ["编号\t参数\t区划\t起始日期\t数值\t状态\t提出人\t审核人\t依据"]
    for row in rows:
        lines.append(
            "\t".join(
                [
                    str(row.pk),
                    row.name,
                    row.region_code,
                    row.effective_from.isoformat(),
                    row.value,
                    row.get_status_display(),
                    row.proposed_by.username if row.proposed_by else "系统管理员（服务器）",
                    row.decided_by.username if row.decided_by else "",
                    row.reference,
                ]
            )
        )
    return lines
