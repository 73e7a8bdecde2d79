"""`ablework match --input market.json [--top 10] [--explain-pair PERSON_ID POSTING_ID]`: the
matching contract on the command line (`../shared/domain/matching-contract.md`).

Prints `{"matches": {person: [{"posting", "score", "explanation"}, …]}}`, or for one pair
`{"person", "posting", "suggested", "broken", "explanation"}` — the same JSON as
`POST /api/v1/matching/match`. Exit 0, or 2 when the input cannot be read or breaks the
contract (each problem named by its path on standard error).
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ablework.matching.engine import DEFAULT_TOP, InvalidMarket, UnknownRecord
from ablework.matching.engine.contract import answer

UNREADABLE = 2


class Command(BaseCommand):
    help = "岗位匹配：为每位求职者列出满足全部硬性条件的岗位（最好的在前），或解释一对人岗。"
    # The engine needs no database or URL configuration: skip the project's system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--input", required=True, help="市场数据 JSON 文件（- 表示标准输入）")
        parser.add_argument(
            "--top", type=int, default=DEFAULT_TOP, help=f"每人最多几个建议（默认 {DEFAULT_TOP}）"
        )
        parser.add_argument(
            "--explain-pair",
            nargs=2,
            metavar=("PERSON_ID", "POSTING_ID"),
            help="解释一位求职者与一个岗位：是否推荐、违反了哪些硬性条件",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["input"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
            payload = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise CommandError(f"无法读取 {source}：{error}", returncode=UNREADABLE) from None
        chosen = options["explain_pair"]
        pair = (chosen[0], chosen[1]) if chosen else None
        try:
            result = answer(payload, top=options["top"], pair=pair)
        except InvalidMarket as invalid:
            lines = [f"{source} 不符合匹配约定："] + [f"  {p}" for p in invalid.problems]
            raise CommandError("\n".join(lines), returncode=UNREADABLE) from None
        except UnknownRecord as unknown:
            raise CommandError(str(unknown), returncode=UNREADABLE) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
