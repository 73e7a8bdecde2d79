"""`ablework rules calc | test | simulate`: the rules engine on the command line.

    ablework rules calc --input situation.json [--lang en]   # exit 0, 1 (an error), 2 (unreadable)
    ablework rules test [FILES…]                              # YAML cases; exit 1 if any fails
    ablework rules simulate --year 2025 --reform reform.yaml \\
        --employers e.parquet --employee-months m.parquet [--by city] [--csv totals.csv]
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
from ablework.rules.engine.text import parse_language

UNREADABLE = 2


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

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the chosen subcommand."""
        subcommand = options["subcommand"]
        if subcommand == "calc":
            self.calc(options["input"], options["lang"])
        elif subcommand == "test":
            self.test(options["paths"])
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
