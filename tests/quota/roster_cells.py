"""Roster cells as employers write them, the declaration facts and the `ablework quota` command,
shared by the roster file tests (test_roster_file.py, test_roster_command.py)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from ablework.quota.inputs import Headcount
from ablework.quota.roster import DeclarationFacts

# The contract's headers, written out: the template must keep them.
HEADER = [
    "证件类型",
    "证件号码",
    "姓名",
    "等级",
    "公民身份号码",
    "用工形式",
    "合同起始日期",
    "合同终止日期",
    "岗位",
    *(f"{m}月工资" for m in range(1, 13)),
    "社保缴纳月份",
    "派遣单位统一社会信用代码",
    "派遣协议约定计入",
]
FACTS = DeclarationFacts(
    employer="X", levy_year=2023, headcount=Headcount(monthly=(300,) * 12), wage_total=Decimal(1)
)


def row(
    number: object,
    name: str,
    *,
    start: object = "2022年1月1日",
    wage: object = "2,600.00元",
    insured: str = "1月-12月",
) -> list[object]:
    return [
        "",
        number,
        name,
        "",
        "",
        "劳动合同",
        start,
        "",
        "质检员",
        *([wage] * 12),
        insured,
        "",
        "",
    ]


def unreadable_of(read) -> dict[tuple[int, str], str]:
    with translation.override("zh-hans"):
        return {(p.line, p.where): p.message() for p in read.unreadable}


def run_command(*arguments: str) -> int:
    try:
        call_command("quota", *arguments)
    except SystemExit as stop:
        return int(stop.code or 0)
    except CommandError as error:
        print(error, file=sys.stderr)
        return error.returncode
    return 0


def roster_arguments(path: Path, uscc: str) -> tuple[str, ...]:
    return (
        "--input",
        str(path),
        "--employer",
        uscc,
        "--year",
        "2023",
        "--headcount",
        ",".join(["300"] * 12),
        "--wage-total",
        "18000000",
    )
