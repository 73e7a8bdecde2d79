"""`ablework quota check | submit --input declaration.json [--as USERNAME]`.

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

from ablework.core.errors import Conflict, NotFound
from ablework.exchange.management.accounts import command_actor
from ablework.quota.inputs import DeclarationInput, UnreadableDeclaration, read_declaration
from ablework.quota.selectors import CheckResult
from ablework.quota.services import DeclarationRefused, check_for, submit_declaration

UNREADABLE = 2
HAS_ERRORS = 1


class Command(BaseCommand):
    help = "按比例就业年审：检查（check）或提交（submit）用人单位的申报。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        for name, text in (("check", "检查申报，不保存"), ("submit", "检查并提交申报")):
            sub = commands.add_parser(name, help=text)
            sub.add_argument("--input", required=True, help="申报 JSON 文件，或 - 表示标准输入")
            sub.add_argument("--as", dest="username", help="以哪个账户的身份（决定可申报的单位）")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = command_actor(options.get("username"))
        declaration = _read(options["input"])
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
