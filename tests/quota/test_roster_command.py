"""`ablework quota check` and `submit` on roster files: exit codes, nothing stored from a file
with a bad cell, messages in the user's language, the template filled in by hand."""

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
from tests.quota.roster_cells import FACTS, HEADER, roster_arguments, row, run_command
from tests.registry.factories import PersonFactory


@pytest.mark.django_db
def test_the_command_exits_2_on_a_file_it_cannot_read_and_prints_notices(
    tmp_path: Path, capsys
) -> None:
    employer = EmployerFactory()
    header = [h for h in HEADER if h != "用工形式"]
    cells = [
        c for i, c in enumerate(row("37081119850612402X41", "张三")) if HEADER[i] != "用工形式"
    ]
    missing = write_csv(tmp_path / "缺列.csv", [cells], header)
    assert run_command("check", *roster_arguments(missing, employer.uscc)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "缺列.csv" in err
    assert "“用工形式”" in err

    person = PersonFactory(name="张三", disability_grade=3)
    extra = write_csv(
        tmp_path / "多列.csv", [[*row(person.certificate_number, "张三"), "x"]], [*HEADER, "备注"]
    )
    assert run_command("check", *roster_arguments(extra, employer.uscc)) == 0
    out, err = capsys.readouterr()
    assert "备注" in err
    assert json.loads(out)["counted"]


@pytest.mark.django_db
def test_a_roster_with_one_bad_cell_is_not_submitted_and_nothing_is_stored(
    tmp_path: Path, capsys
) -> None:
    from ablework.quota.models import Declaration, LineMonth, RosterLine

    employer = EmployerFactory()
    good = PersonFactory(name="张三", disability_grade=3)
    other = PersonFactory(name="李四", disability_grade=3)
    rows = [row(good.certificate_number, "张三"), row(other.certificate_number, "李四")]
    rows[1][HEADER.index("6月工资")] = "2600,5"
    path = write_xlsx(tmp_path / "名单.xlsx", rows, HEADER)
    assert run_command("submit", *roster_arguments(path, employer.uscc)) == 1
    out, err = capsys.readouterr()
    problems = json.loads(out)["problems"]
    unreadable = [p for p in problems if p["code"] == "cell_unreadable"]
    assert [(p["line"], p["field"], p["kind"]) for p in unreadable] == [(3, "wage_6", "error")]
    assert "文件“名单.xlsx”第 3 行“6月工资”" in unreadable[0]["message"]
    assert "“2600,5”" in unreadable[0]["message"]
    assert "未提交" in err
    assert not Declaration.objects.exists()
    assert not RosterLine.objects.exists()
    assert not LineMonth.objects.exists()


def test_the_messages_follow_the_users_language(tmp_path: Path) -> None:
    cells = row(37081119850612402041, "张三")
    cells[HEADER.index("合同起始日期")] = "2022年13月1日"
    cells[HEADER.index("1月工资")] = "2600,5"
    path = write_xlsx(tmp_path / "名单.xlsx", [cells], HEADER)
    with translation.override("en"):
        read = read_roster(path, FACTS)
        messages = {p.where: p.message() for p in read.unreadable}
    assert messages["contract_start"] == (
        "Cannot read file “名单.xlsx”, row 2, “合同起始日期”: the date “2022年13月1日” does not "
        "exist (check the month and the day)"
    )
    assert "the amount “2600,5” cannot be read" in messages["wage_1"]
    assert "“3.70811E+19”" in messages["certificate_number"]
    assert "15 significant digits" in messages["certificate_number"]


def test_a_merged_cell_and_a_missing_column_are_explained_in_english_too(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(row("37081119850612402X41", "张三"))
    january = HEADER.index("1月工资") + 1
    sheet.merge_cells(start_row=2, end_row=2, start_column=january, end_column=january + 1)
    workbook.save(tmp_path / "合并.xlsx")
    header = [h for h in HEADER if h != "姓名"]
    missing = write_xlsx(tmp_path / "缺列.xlsx", [[""] * len(header)], header)
    from ablework.exchange.reading import UnreadableFile

    with translation.override("en"):
        (merged,) = read_roster(tmp_path / "合并.xlsx", FACTS).unreadable
        message = merged.message()
        with pytest.raises(UnreadableFile) as unreadable:
            read_roster(missing, FACTS)
    assert message == (
        "Cannot read file “合并.xlsx”, row 2, “1月工资”: J2:K2 is a merged cell across columns; "
        "unmerge it and fill in each cell"
    )
    assert unreadable.value.message.startswith("File “缺列.xlsx”: Row 1 of sheet")
    assert "lacks required columns: “姓名”" in unreadable.value.message


def test_the_template_filled_by_hand_with_the_documented_forms_reads_back_with_no_problem(
    tmp_path: Path,
) -> None:
    # given the template the command writes, with its explanation sheet
    target = tmp_path / "名单模板.xlsx"
    call_command("quota", "template", str(target))
    workbook = openpyxl.load_workbook(target)
    data, notes = workbook.worksheets
    assert notes.title == "填写说明"
    explained = {r[0]: r for r in notes.iter_rows(values_only=True) if r[0]}
    for header in HEADER:
        assert explained[header][2], header  # each column has its format explained
    assert explained["证件号码"][1] == "必填"
    assert any("文本" in str(text) for text in explained)  # the note about number cells
    # when an employer fills it by hand, in each form the explanation sheet documents
    columns = [cell.value for cell in data[1]]
    filled = [
        {
            "证件号码": "37081119850612402X41",
            "姓名": "张三",
            "用工形式": "劳动合同",
            "合同起始日期": "2024-01-01",
            "岗位": "质检员",
            **{f"{m}月工资": "2600.00" for m in range(1, 13)},
            "社保缴纳月份": "1-12",
        },
        {
            "证件类型": "残疾人证",
            "证件号码": "37081119850612403X41",
            "姓名": "李四",
            "用工形式": "服务协议",
            "合同起始日期": "2024/1/1",
            "合同终止日期": "2026年12月31日",
            **{f"{m}月工资": "2,600.00元" for m in range(1, 7)},
            "社保缴纳月份": "1-6,9,10-12",
        },
        {
            "证件类型": "残疾军人证",
            "证件号码": "军残字第000002号",
            "姓名": "赵二",
            "等级": "2",
            "公民身份号码": "370811198001010013",
            "用工形式": "在编",
            "合同起始日期": date(2020, 3, 1),  # an Excel date
            **{f"{m}月工资": 3000 for m in range(1, 13)},
            "社保缴纳月份": "1月-12月",
        },
        {
            "证件号码": "37081119850612404X41",
            "姓名": "王五",
            "用工形式": "劳务派遣",
            "合同起始日期": "2024-01-01",
            **{f"{m}月工资": "2600" for m in range(1, 13)},
            "社保缴纳月份": "1-12",
            "派遣单位统一社会信用代码": "91370811MA00000000",
            "派遣协议约定计入": "用工单位",
        },
    ]
    for values in filled:
        data.append([values.get(column) for column in columns])
    workbook.save(target)
    # then it reads back with no problem and no notice
    read = read_roster(target, FACTS)
    assert read.unreadable == ()
    assert read.notices == ()
    first, second, veteran, dispatched = read.roster
    assert (first.line, first.contract_start, first.contract_end) == (2, date(2024, 1, 1), None)
    assert second.contract_end == date(2026, 12, 31)
    assert second.wages == dict.fromkeys(range(1, 7), Decimal("2600.00"))
    assert second.social_insurance_months == frozenset({1, 2, 3, 4, 5, 6, 9, 10, 11, 12})
    assert (veteran.certificate_kind, veteran.grade, veteran.employment_form) == (
        "veteran",
        2,
        "established",
    )
    assert veteran.resident_id == "370811198001010013"
    assert veteran.contract_start == date(2020, 3, 1)
    assert dispatched.dispatch is not None
    assert (dispatched.dispatch.agency, dispatched.dispatch.agreement_assigns_to) == (
        "91370811MA00000000",
        "host",
    )
