"""Every row and cell is checked; each problem names its row, its column and what is wrong."""

from __future__ import annotations

import pytest

from ablework.registry.models import Person
from tests.exchange.files import HEADER, import_file, person_rows, problems_of, write_xlsx

pytestmark = pytest.mark.django_db

NAME, ID, CERTIFICATE, CATEGORY, GRADE, HOUSEHOLD, STATUS, KIND, EMPLOYER, PHONE = range(10)


def _wrong_check_digit(resident_id: str) -> str:
    return resident_id[:-1] + ("1" if resident_id[-1] != "1" else "2")


def _break(column: int, value):
    def change(row: list) -> None:
        row[column] = value(row) if callable(value) else value

    return change


def _unemployed_with_kind(row: list) -> None:
    row[STATUS], row[KIND], row[EMPLOYER] = "未就业", "灵活就业", ""


def _employed_without_kind(row: list) -> None:
    row[STATUS], row[KIND] = "已就业", ""


CASES = [
    ("bad check digit", _break(ID, lambda r: _wrong_check_digit(r[ID])), "公民身份号码", "校验码"),
    ("impossible birth date", _break(ID, "370811199002300010"), "公民身份号码", "出生日期"),
    ("old 15-digit ID", _break(ID, "370811900101001"), "公民身份号码", "15位"),
    ("masked ID", _break(ID, "3708**********1234"), "公民身份号码", "脱敏"),
    ("empty ID", _break(ID, ""), "公民身份号码", "不能为空"),
    ("empty name", _break(NAME, ""), "姓名", "不能为空"),
    ("grade out of range", _break(GRADE, "5级"), "残疾等级", "不在可选范围内"),
    ("unknown category", _break(CATEGORY, "9"), "残疾类别", "不在可选范围内"),
    ("unknown region", _break(HOUSEHOLD, "379999"), "户籍地区划", "不是已知的县级区划"),
    ("malformed region", _break(HOUSEHOLD, "3708"), "户籍地区划", "6位"),
    (
        "certificate of another ID",
        _break(CERTIFICATE, lambda r: "11010519491231002X" + r[CERTIFICATE][18:]),
        "残疾人证号",
        "前18位",
    ),
    (
        "certificate disagrees with grade",
        _break(GRADE, lambda r: f"{int(r[CERTIFICATE][19]) % 4 + 1}级"),
        "残疾等级",
        "残疾人证号",
    ),
    ("bad phone", _break(PHONE, "12345"), "联系电话", "格式不对"),
    ("employed without a kind", _employed_without_kind, "就业形式", "须填写就业形式"),
    ("kind without employment", _unemployed_with_kind, "就业形式", "不应填写"),
    ("unknown status", _break(STATUS, "打工"), "就业状况", "不在可选范围内"),
    ("flag not yes or no", _break(10, "可能"), "低保家庭", "是"),
]


@pytest.mark.parametrize(("label", "change", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_cell_rejects_its_row_with_the_column_and_reason(
    demo_data, tmp_path, label, change, column, words
):
    # given three good rows and one broken one (row 3 of the sheet)
    rows = person_rows(3)
    change(rows[1])
    path = write_xlsx(tmp_path / "rows.xlsx", rows)
    # when checked and committed (valid rows only)
    batch = import_file(demo_data["rencheng_counsellor"], path)
    # then the broken row is named with its column, and only it is left out
    problems = problems_of(batch)
    assert [(row, col) for row, col, _ in problems] == [(3, column)], problems
    assert words in problems[0][2]
    assert batch.rows_created == 2
    assert not Person.objects.filter(name=rows[1][0]).exists() or label == "empty name"


def test_sex_and_birth_date_columns_are_checked_against_the_id(demo_data, tmp_path):
    rows = person_rows(2)
    sex = {1: "男", 0: "女"}
    rows[0] += [sex[1 - int(rows[0][ID][16]) % 2], "1990-01-01"]
    rows[1] += [
        sex[int(rows[1][ID][16]) % 2],
        f"{rows[1][ID][6:10]}-{rows[1][ID][10:12]}-{rows[1][ID][12:14]}",
    ]
    path = write_xlsx(tmp_path / "cross.xlsx", rows, header=[*HEADER, "性别", "出生日期"])
    batch = import_file(demo_data["rencheng_counsellor"], path)
    assert [(row, col) for row, col, _ in problems_of(batch)] == [(2, "性别"), (2, "出生日期")]
    assert batch.rows_created == 1


def test_the_same_person_twice_in_a_file_keeps_the_first_row(demo_data, tmp_path):
    rows = person_rows(3)
    rows.append(list(rows[0]))
    batch = import_file(demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "dup.xlsx", rows))
    assert problems_of(batch) == [
        (5, "公民身份号码", "与第2行的公民身份号码重复（同一人只能有一行）")
    ]
    assert batch.rows_created == 3


def test_a_known_id_with_another_name_is_a_conflict_not_an_update(demo_data, tmp_path):
    # given a registered person
    person = Person.objects.filter(county_code="370811").first()
    rows = person_rows(1)
    rows[0][NAME] = "另一个名字"
    rows[0][ID] = person.resident_id
    rows[0][CERTIFICATE] = (
        f"{person.resident_id}{person.disability_category}{person.disability_grade}"
    )
    rows[0][CATEGORY], rows[0][GRADE] = str(person.disability_category), ""
    # when a file gives their ID with another name
    batch = import_file(demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "c.xlsx", rows))
    # then the row is refused and the record keeps its name
    assert problems_of(batch)[0][:2] == (2, "姓名")
    assert person.name in problems_of(batch)[0][2]
    person.refresh_from_db()
    assert person.name != "另一个名字"


def test_header_variants_of_national_exports_are_understood(demo_data, tmp_path):
    header = [
        "序号",
        "姓名",
        "身份证号码",
        "残疾证号",
        "残疾类型",
        "残疾级别",
        "户籍地区划代码",
        "就业情况",
        "就业方式",
        "工作单位",
        "手机号码",
        "低保户",
    ]
    rows = [[index, *row] for index, row in enumerate(person_rows(4), start=1)]
    batch = import_file(
        demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "n.xlsx", rows, header)
    )
    assert problems_of(batch) == []
    assert not batch.problems.filter(is_notice=True).exists()
    assert batch.rows_created == 4


def test_unknown_columns_are_reported_as_a_notice_and_ignored(demo_data, tmp_path):
    rows = [[*row, "x"] for row in person_rows(2)]
    batch = import_file(
        demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "u.xlsx", rows, [*HEADER, "爱好"])
    )
    assert batch.rows_created == 2
    notice = batch.problems.get(is_notice=True)
    assert "爱好" in notice.message
