"""The `postings` import kind: problems by row and column, all-or-nothing, re-import unchanged,
the template's columns, the export read back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from ablework.core.models import AuditRecord
from ablework.exchange.importing.kinds import import_kind
from ablework.matching.models import JobPosting
from tests.exchange.files import import_file, problems_of, write_csv

pytestmark = pytest.mark.django_db

SAMPLE = Path("ablework/matching/imports/samples/招聘岗位示例.csv")


def _rows(employer_uscc: str) -> tuple[list[str], list[list[str]]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        row[0] = employer_uscc
    return header, rows


def test_a_file_imports_once_and_again_changes_nothing(demo_data, tmp_path) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    employer = demo_data["employer_user"].employer
    header, rows = _rows(employer.uscc)
    path = write_csv(tmp_path / "岗位.csv", rows, header)
    batch = import_file(counsellor, path, kind="postings")
    assert problems_of(batch) == []
    postings = {p.title: p for p in JobPosting.objects.all()}
    assert set(postings) == {"电话客服专员", "社区公益保洁员"}
    phone = postings["电话客服专员"]
    assert phone.employer == employer
    assert phone.township_code == "370811001"
    assert phone.demands == {
        "read_print": "adjustable",
        "read_screen": "essential",
        "phone": "essential",
    }
    assert phone.offers == ["screen_reader", "step_free", "flexible_hours"]
    assert AuditRecord.objects.filter(action="matching.posting.create").count() == 2
    import_file(counsellor, write_csv(tmp_path / "again.csv", rows, header), kind="postings")
    assert JobPosting.objects.count() == 2
    assert not AuditRecord.objects.filter(action="matching.posting.update").exists()
    rows[0][15] = "5"  # more openings: the same posting is updated
    import_file(counsellor, write_csv(tmp_path / "more.csv", rows, header), kind="postings")
    assert JobPosting.objects.get(title="电话客服专员").openings == 5


def test_bad_cells_are_named_by_row_and_column_and_all_or_nothing_writes_none(
    demo_data, tmp_path
) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    header, rows = _rows(demo_data["employer_user"].employer.uscc)
    rows[0][3] = "临时工"
    rows[1][19] = "电梯"
    rows[1][9] = ""
    rows[1][10] = "1800.00"
    rows[1][17] = "2022-06-01"
    path = write_csv(tmp_path / "错.csv", rows, header)
    batch = import_file(counsellor, path, kind="postings", commit="all-or-nothing")
    problems = problems_of(batch)
    assert (2, "岗位类型") in [(row, column) for row, column, _message in problems]
    assert (3, "无障碍设施和便利条件") in [(row, column) for row, column, _message in problems]
    assert not JobPosting.objects.exists()
    # a valid row of the second one, but its wage is under 任城区's 2022 minimum
    rows[0][3] = "残疾人定向招聘岗位"
    rows[1][19] = ""
    batch = import_file(counsellor, write_csv(tmp_path / "低.csv", rows, header), kind="postings")
    (problem,) = problems_of(batch)
    assert problem[:2] == (3, "月工资下限（元）")
    assert "wages.minimum_wage_monthly" in problem[2]
    assert "1900.00 元" in problem[2]
    assert list(JobPosting.objects.values_list("title", flat=True)) == ["电话客服专员"]


def test_employers_outside_the_area_are_refused(demo_data, tmp_path) -> None:
    header, rows = _rows(demo_data["employer_user"].employer.uscc)
    path = write_csv(tmp_path / "外.csv", rows[:1], header)
    batch = import_file(demo_data["weishan_counsellor"], path, kind="postings")
    ((row, column, message),) = problems_of(batch)
    assert (row, column) == (2, "统一社会信用代码")
    assert "您管辖范围内没有" in message
    assert not JobPosting.objects.exists()


def test_the_template_lists_every_column() -> None:
    kind = import_kind("postings")
    headers = [column.header for column in kind.catalog.columns]
    sample = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert sample == headers


def test_an_export_imports_back_unchanged(demo_postings, demo_data, tmp_path) -> None:
    admin = demo_data["rencheng_admin"]
    response = signed_export(admin)
    path = tmp_path / "导出.xlsx"
    path.write_bytes(response)
    before = JobPosting.objects.count()
    batch = import_file(admin, path, kind="postings")
    assert problems_of(batch) == [] or all(
        "不能再修改" in message for _row, _column, message in problems_of(batch)
    )
    assert JobPosting.objects.count() == before
    assert not AuditRecord.objects.filter(
        action="matching.posting.update", detail__import_batch=batch.pk
    ).exists()


def signed_export(user) -> bytes:  # type: ignore[no-untyped-def]
    from tests.helpers import signed_in

    response = signed_in(user).post("/matching/postings/export.xlsx")
    content = b"".join(response.streaming_content)
    openpyxl.load_workbook(io.BytesIO(content))  # a workbook
    return content
