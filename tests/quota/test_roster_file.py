"""The roster template read from .xlsx and .csv: the contract's headers, dates, amounts and
month lists in the forms employers write them, each unreadable cell named."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from ablework.quota.inputs import Headcount
from ablework.quota.roster import DeclarationFacts, read_roster
from tests.employers.factories import EmployerFactory
from tests.exchange.files import write_csv, write_xlsx
from tests.registry.factories import PersonFactory

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


def test_a_gbk_csv_with_text_dates_yuan_wages_and_chinese_month_ranges(tmp_path: Path) -> None:
    rows = [
        row("37081119850612402X41", "张三"),
        row("37081119850612403X41", "李四", start="2022/3/1", wage="2600", insured="1-6,9,10-12"),
    ]
    path = write_csv(tmp_path / "名单.csv", rows, HEADER, encoding="gbk")
    read = read_roster(path, FACTS)
    assert read.unreadable == ()
    first, second = read.roster
    assert (first.line, second.line) == (2, 3)  # the rows Excel shows
    assert first.contract_start == date(2022, 1, 1)
    assert second.contract_start == date(2022, 3, 1)
    assert first.wages == dict.fromkeys(range(1, 13), Decimal("2600.00"))
    assert first.social_insurance_months == frozenset(range(1, 13))
    assert second.social_insurance_months == frozenset({1, 2, 3, 4, 5, 6, 9, 10, 11, 12})
    assert first.employment_form == "labour_contract"
    assert first.certificate_kind == "disability"


def test_each_unreadable_cell_is_a_problem_naming_row_and_column(tmp_path: Path) -> None:
    rows = [
        row(37081119850612402, "张三"),  # a certificate number stored as a number
        row("37081119850612403X41", "李四", start="2022年13月1日", wage="两千", insured="1-13"),
    ]
    path = write_xlsx(tmp_path / "名单.xlsx", rows, HEADER)
    read = read_roster(path, FACTS)
    with translation.override("zh-hans"):
        found = {(p.line, p.where): p.message() for p in read.unreadable}
    assert {code.kind for code in (p.code for p in read.unreadable)} == {"error"}
    assert "第 2 行“证件号码”" in found[(2, "certificate_number")]
    assert "文本" in found[(2, "certificate_number")]
    assert "第 3 行“合同起始日期”" in found[(3, "contract_start")]
    assert "第 3 行“1月工资”" in found[(3, "wage_1")]
    assert "第 3 行“社保缴纳月份”" in found[(3, "social_insurance_months")]


@pytest.mark.django_db
def test_check_reads_a_roster_file_with_the_declaration_facts(tmp_path: Path, capsys) -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="张三", disability_grade=3)
    path = write_csv(
        tmp_path / "名单.csv", [row(person.certificate_number, "张三")], HEADER, encoding="gbk"
    )
    code = 0
    try:
        call_command(
            "quota",
            "check",
            "--input",
            str(path),
            "--employer",
            employer.uscc,
            "--year",
            "2023",
            "--headcount",
            ",".join(["300"] * 12),
            "--wage-total",
            "18000000",
        )
    except SystemExit as stop:
        code = int(stop.code or 0)
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [p["code"] for p in result["problems"]] == ["minimum_wage_unknown"]  # Oct–Dec 2023
    assert {item["line"] for item in result["counted"]} == {2}
    assert len(result["counted"]) == 12


def test_the_template_has_the_contract_headers_and_a_sheet_explaining_each(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    call_command("quota", "template", str(target))
    workbook = openpyxl.load_workbook(target, read_only=True)
    data, notes = workbook.worksheets
    assert [cell.value for cell in next(data.iter_rows(max_row=1))] == HEADER
    explained = {r[0] for r in notes.iter_rows(values_only=True)}
    assert set(HEADER) <= explained
