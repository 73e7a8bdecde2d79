"""The roster template read from .xlsx and .csv: the contract's headers, dates, amounts and
month lists in the forms employers write them, each unreadable cell named."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import translation

from ablework.quota.roster import read_roster
from tests.employers.factories import EmployerFactory
from tests.exchange.files import write_csv, write_xlsx
from tests.quota.roster_cells import (
    FACTS,
    HEADER,
    roster_arguments,
    row,
    run_command,
    unreadable_of,
)
from tests.registry.factories import PersonFactory


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
    code = run_command("check", *roster_arguments(path, employer.uscc))
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


# Bad rosters: a clear message per cell (file, Excel row, column header, what was read), and
# nothing half-saved.


@pytest.mark.parametrize(
    ("column", "written", "key", "expected"),
    [
        ("合同起始日期", "2022年1月1日", "contract_start", date(2022, 1, 1)),
        ("合同起始日期", "2022/1/1", "contract_start", date(2022, 1, 1)),
        ("合同起始日期", "2022.1.1", "contract_start", date(2022, 1, 1)),
        ("合同起始日期", "２０２２年１月１日", "contract_start", date(2022, 1, 1)),
        ("合同起始日期", date(2022, 1, 1), "contract_start", date(2022, 1, 1)),  # an Excel date
        ("1月工资", "2,600.00", "wage_1", Decimal("2600.00")),
        ("1月工资", "2600元", "wage_1", Decimal("2600.00")),
        ("1月工资", "2,600.00 元", "wage_1", Decimal("2600.00")),
        ("1月工资", "２，６００．００元", "wage_1", Decimal("2600.00")),
        ("1月工资", 2600.5, "wage_1", Decimal("2600.50")),  # a number cell
        ("社保缴纳月份", "1月-12月", "insured", frozenset(range(1, 13))),
        ("社保缴纳月份", "1-6,9,10-12", "insured", frozenset({1, 2, 3, 4, 5, 6, 9, 10, 11, 12})),
        (
            "社保缴纳月份",
            "１－６，９，１０—１２",
            "insured",
            frozenset({1, 2, 3, 4, 5, 6, 9, 10, 11, 12}),
        ),
        ("社保缴纳月份", "3、5", "insured", frozenset({3, 5})),
        ("社保缴纳月份", "", "insured", frozenset()),
    ],
)
def test_the_forms_employers_write_are_read(tmp_path: Path, column, written, key, expected) -> None:
    cells = row("37081119850612402X41", "张三")
    cells[HEADER.index(column)] = written
    read = read_roster(write_xlsx(tmp_path / "名单.xlsx", [cells], HEADER), FACTS)
    assert read.unreadable == ()
    (entry,) = read.roster
    found = {
        "contract_start": entry.contract_start,
        "wage_1": entry.wages.get(1),
        "insured": entry.social_insurance_months,
    }
    assert found[key] == expected


@pytest.mark.parametrize(
    ("column", "written", "key", "quoted"),
    [
        ("合同起始日期", "2022年13月1日", "contract_start", "2022年13月1日"),
        ("合同起始日期", "去年三月", "contract_start", "去年三月"),
        ("1月工资", "2600,50", "wage_1", "2600,50"),  # a decimal comma is not guessed at
        ("1月工资", "两千六", "wage_1", "两千六"),
        ("1月工资", "26000000000", "wage_1", "26000000000"),  # more than a wage column holds
        ("社保缴纳月份", "1-13", "social_insurance_months", "1-13"),
        ("社保缴纳月份", "全年", "social_insurance_months", "全年"),
        ("用工形式", "临时工", "employment_form", "临时工"),
    ],
)
def test_a_cell_that_cannot_be_read_names_file_row_column_and_what_was_read(
    tmp_path: Path, column, written, key, quoted
) -> None:
    cells = row("37081119850612402X41", "张三")
    cells[HEADER.index(column)] = written
    read = read_roster(write_xlsx(tmp_path / "名单.xlsx", [cells], HEADER), FACTS)
    (problem,) = read.unreadable
    assert (problem.line, problem.where, problem.code, problem.kind) == (
        2,
        key,
        "cell_unreadable",
        "error",
    )
    assert problem.months == ()
    message = unreadable_of(read)[(2, key)]
    assert f"文件“名单.xlsx”第 2 行“{column}”" in message
    assert f"“{quoted}”" in message


def test_a_veteran_line_needs_its_grade_and_resident_id(tmp_path: Path) -> None:
    cells = row("军残字第000002号", "赵二")
    cells[HEADER.index("证件类型")] = "残疾军人证"
    read = read_roster(write_xlsx(tmp_path / "名单.xlsx", [cells], HEADER), FACTS)
    found = unreadable_of(read)
    assert set(found) == {(2, "grade"), (2, "resident_id")}
    assert "第 2 行“等级”" in found[(2, "grade")]
    assert "1–10" in found[(2, "grade")]
    assert "第 2 行“公民身份号码”" in found[(2, "resident_id")]


def test_a_month_list_excel_turned_into_a_date_says_so(tmp_path: Path) -> None:
    cells = row("37081119850612402X41", "张三")
    cells[HEADER.index("社保缴纳月份")] = date(2023, 1, 12)  # “1-12” typed into a General cell
    read = read_roster(write_xlsx(tmp_path / "名单.xlsx", [cells], HEADER), FACTS)
    message = unreadable_of(read)[(2, "social_insurance_months")]
    assert "“社保缴纳月份”" in message
    assert "2023-01-12" in message
    assert "当成了日期" in message
    assert "文本" in message


def test_a_certificate_number_stored_as_a_number_is_reported_unless_no_digit_was_lost(
    tmp_path: Path,
) -> None:
    rows = [
        row(37081119850612402041, "张三"),  # 20 digits: Excel kept 15 of them
        row(370811198506124000, "李四"),  # 18 digits whose end Excel turned into zeros
        row(123456789012345, "王五"),  # 15 digits (a 残疾军人证 number): nothing lost
    ]
    read = read_roster(write_xlsx(tmp_path / "名单.xlsx", rows, HEADER), FACTS)
    found = unreadable_of(read)
    assert set(found) == {(2, "certificate_number"), (3, "certificate_number")}
    first = found[(2, "certificate_number")]
    assert "文件“名单.xlsx”第 2 行“证件号码”" in first
    assert "“3.70811E+19”" in first  # what Excel shows in the cell
    assert "15位有效数字" in first
    assert "文本" in first
    assert "“3.70811E+17”" in found[(3, "certificate_number")]
    assert read.roster[2].certificate_number == "123456789012345"
    # a CSV Excel saved holds what the cell showed: the scientific notation
    path = write_csv(tmp_path / "名单.csv", [row("3.70811E+19", "张三")], HEADER, encoding="gbk")
    from_csv = unreadable_of(read_roster(path, FACTS))[(2, "certificate_number")]
    assert from_csv.startswith(
        "无法读取 文件“名单.csv”第 2 行“证件号码”：读到的是数字“3.70811E+19”"
    )


def test_merged_cells_down_a_column_are_filled_and_across_columns_are_reported(
    tmp_path: Path,
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(row("37081119850612402X41", "张三"))
    second = row("37081119850612403X41", "李四")
    second[HEADER.index("用工形式")] = None  # merged with the cell above
    sheet.append(second)
    third = row("37081119850612404X41", "王五", wage=None)
    third[HEADER.index("1月工资")] = "2600.00"  # one wage merged over the twelve months
    sheet.append(third)
    form = HEADER.index("用工形式") + 1
    sheet.merge_cells(start_row=2, end_row=3, start_column=form, end_column=form)
    january = HEADER.index("1月工资") + 1
    sheet.merge_cells(start_row=4, end_row=4, start_column=january, end_column=january + 11)
    workbook.save(tmp_path / "合并.xlsx")

    read = read_roster(tmp_path / "合并.xlsx", FACTS)
    assert read.roster[1].employment_form == "labour_contract"  # filled down from row 2
    found = unreadable_of(read)
    assert list(found) == [(4, "1月工资")]
    message = found[(4, "1月工资")]
    assert "文件“合并.xlsx”第 4 行“1月工资”" in message
    assert "J4:U4" in message
    assert "合并单元格" in message


def test_blank_rows_a_title_row_and_headers_with_spaces_are_read(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2023年度残疾职工名单"])  # a title above the header
    sheet.merge_cells("A1:F1")
    sheet.append([f" {header[:1]} {header[1:]} " for header in HEADER])  # "证 件号码 "
    sheet.append(row("37081119850612402X41", "张三"))
    sheet.append([])
    sheet.append(["", "", " ", None])
    sheet.append(row("37081119850612403X41", "李四"))
    workbook.save(tmp_path / "名单.xlsx")
    read = read_roster(tmp_path / "名单.xlsx", FACTS)
    assert read.unreadable == ()
    assert [(entry.line, entry.name) for entry in read.roster] == [(3, "张三"), (6, "李四")]
    assert read.roster[1].wages == dict.fromkeys(range(1, 13), Decimal("2600.00"))


def test_an_extra_column_is_reported_and_not_fatal(tmp_path: Path) -> None:
    cells = [*row("37081119850612402X41", "张三"), "试用期已过"]
    read = read_roster(write_csv(tmp_path / "名单.csv", [cells], [*HEADER, "备注"]), FACTS)
    assert read.unreadable == ()
    assert len(read.roster) == 1
    assert any("名单.csv" in notice and "备注" in notice for notice in read.notices)


def test_a_missing_required_column_makes_the_file_unreadable_naming_it(
    tmp_path: Path, capsys
) -> None:
    from ablework.exchange.reading import UnreadableFile

    header = [h for h in HEADER if h != "姓名"]
    cells = [c for i, c in enumerate(row("37081119850612402X41", "张三")) if HEADER[i] != "姓名"]
    path = write_xlsx(tmp_path / "名单.xlsx", [cells], header)
    with pytest.raises(UnreadableFile) as unreadable:
        read_roster(path, FACTS)
    assert "名单.xlsx" in unreadable.value.message
    assert "缺少必需的列：“姓名”" in unreadable.value.message
