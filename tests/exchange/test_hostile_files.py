"""Awkward and hostile files: each gets a correct import or a clear message, and never a
half-written registry."""

from __future__ import annotations

import datetime
import zipfile

import openpyxl
import pytest
import xlsxwriter
from django.test import Client

from ablework.core.crypto import lookup_hash
from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.registry.models import Person
from tests.exchange.files import (
    HEADER,
    import_file,
    person_rows,
    problems_of,
    registry_state,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db


def upload(client: Client, path) -> str:
    """Upload through the page and return the batch page the user lands on."""
    with path.open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.xlsx", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "photo.xlsx", "不是Excel表格"),
        (b"PK\x03\x04" + bytes(300), "broken.xlsx", "无法作为Excel表格读取"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "export.xls", "网页"),
        ("张三,李四\n王五,赵六\n".encode(), "no-header.csv", "没有找到表头"),
        ("姓名,公民身份号码\n".encode(), "header-only.csv", "没有数据行"),
    ],
)
def test_unreadable_file_gets_a_clear_message_and_writes_nothing(
    client, tmp_path, content, name, message
):
    # given a file that cannot be imported
    path = tmp_path / name
    path.write_bytes(content)
    before = registry_state()
    # when it is uploaded
    page = upload(client, path)
    # then the page says why, as an alert, and the registry is untouched
    assert 'role="alert"' in page
    assert message in page
    assert ImportBatch.objects.get().status == BatchStatus.FAILED
    assert registry_state() == before


def test_header_missing_the_id_column_names_the_column_and_its_variants(counsellor, tmp_path):
    path = write_csv(tmp_path / "a.csv", [["张三", "肢体"]], header=["姓名", "残疾类别"])
    batch = import_file(counsellor, path)
    assert batch.status == BatchStatus.FAILED
    assert "公民身份号码" in batch.message
    assert "身份证号" in batch.message


def test_formula_without_a_saved_result_is_rejected_and_one_with_a_result_is_read(
    counsellor, tmp_path
):
    # given one row whose ID is a formula with no saved result (openpyxl saves none), and one
    # whose name is a formula Excel saved the result of
    rows = person_rows(2)
    without_result = tmp_path / "no-result.xlsx"
    rows[0][1] = "=B3"
    write_xlsx(without_result, rows)
    with_result = tmp_path / "cached.xlsx"
    workbook = xlsxwriter.Workbook(with_result)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADER)
    good = person_rows(1, seed=5)[0]
    sheet.write_row(1, 0, [str(cell) for cell in good])
    sheet.write_formula(1, 0, '="王"&"某某"', None, "王某某")
    workbook.close()
    # when both are imported
    rejected = import_file(counsellor, without_result)
    accepted = import_file(counsellor, with_result)
    # then the formula without a value is named, the other row imports with the saved value
    assert [(row, column) for row, column, _ in problems_of(rejected)] == [(2, "公民身份号码")]
    assert "公式" in problems_of(rejected)[0][2]
    assert rejected.rows_created == 1
    assert accepted.rows_created == 1
    assert Person.objects.filter(name="王某某", resident_id_hash=lookup_hash(good[1])).exists()


def test_township_merged_down_a_column_is_filled_and_a_merge_across_columns_is_refused(
    counsellor, tmp_path
):
    # given a township written once for three people (merged down), and one row whose name and
    # ID cells are merged across
    rows = person_rows(4)
    header = [*HEADER, "居住地区划"]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([*row, ""])
    sheet["L2"] = "370811002"
    sheet.merge_cells("L2:L4")
    sheet.merge_cells("A5:B5")
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    # when imported
    batch = import_file(counsellor, path)
    # then the merged-down value reaches every row; the row merged across is refused clearly
    codes = set(
        Person.objects.filter(name__in=[r[0] for r in rows[:3]]).values_list(
            "residence_region_code", flat=True
        )
    )
    assert codes == {"370811002"}
    assert [row for row, _, message in problems_of(batch) if "合并" in message] == [5]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2030-01-05", datetime.date(2030, 1, 5)),
        ("2030/1/5", datetime.date(2030, 1, 5)),
        ("2030年1月5日", datetime.date(2030, 1, 5)),
        ("2030.1.5", datetime.date(2030, 1, 5)),
        ("20300105", datetime.date(2030, 1, 5)),
        (47488, datetime.date(2030, 1, 5)),  # an Excel serial number
        (datetime.datetime(2030, 1, 5), datetime.date(2030, 1, 5)),
    ],
)
def test_dates_are_read_however_they_are_written(counsellor, tmp_path, written, expected):
    rows = [[*row, written] for row in person_rows(1)]
    path = write_xlsx(tmp_path / "dates.xlsx", rows, header=[*HEADER, "证件有效期至"])
    import_file(counsellor, path)
    assert Person.objects.get(name=rows[0][0]).certificate_valid_until == expected


def test_an_impossible_date_is_named(counsellor, tmp_path):
    rows = [[*row, "2030-02-30"] for row in person_rows(1)]
    path = write_xlsx(tmp_path / "dates.xlsx", rows, header=[*HEADER, "证件有效期至"])
    batch = import_file(counsellor, path)
    assert problems_of(batch) == [(2, "证件有效期至", "日期“2030-02-30”不存在（请检查月份和日）")]


def test_full_width_digits_in_an_id_are_normalised_and_found_by_exact_search(
    client, counsellor, tmp_path
):
    rows = person_rows(1)
    half_width = rows[0][1]
    rows[0][1] = half_width.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789X"})
    import_file(counsellor, write_xlsx(tmp_path / "wide.xlsx", rows))
    page = client.post("/persons/", {"q": half_width}).content.decode()
    assert rows[0][0] in page


def test_an_id_stored_as_a_number_is_refused_with_the_reason(counsellor, tmp_path):
    rows = person_rows(1)
    rows[0][1] = int(rows[0][1][:15] + "000")
    batch = import_file(counsellor, write_xlsx(tmp_path / "number.xlsx", rows))
    assert "15位有效数字" in problems_of(batch)[0][2]
    assert batch.rows_created == 0


def test_a_name_carrying_script_is_stored_as_text_and_shown_escaped(client, counsellor, tmp_path):
    payload = '<script>alert("x")</script>'
    rows = person_rows(1)
    rows[0][0] = payload
    rows[0][1] = rows[0][1][:-1] + ("1" if rows[0][1][-1] != "1" else "2")  # and a bad ID
    good = person_rows(1, seed=99)
    good[0][0] = payload + "乙"
    page = upload(client, write_xlsx(tmp_path / "xss.xlsx", [rows[0], good[0]]))
    client.post(f"/imports/{ImportBatch.objects.get().pk}/commit/", {"mode": "valid"})
    assert Person.objects.filter(name=payload + "乙").exists()
    listing = client.get("/persons/", {"q": "<script>"}).content.decode()
    for html in (page, listing):
        assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in listing


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig", "utf-16"])
def test_csv_in_gbk_or_utf8_or_utf16_keeps_chinese_names(counsellor, tmp_path, encoding):
    rows = person_rows(5)
    path = write_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding)
    batch = import_file(counsellor, path)
    assert batch.rows_created == 5
    assert set(Person.objects.filter(name__in=[r[0] for r in rows]).values_list("name", flat=True))


def test_title_rows_above_the_header_are_skipped_and_row_numbers_stay_excels(counsellor, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["任城区残疾人实名制信息表"])
    sheet.append([])
    sheet.append(HEADER)
    rows = person_rows(2)
    rows[1][4] = "5级"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    batch = import_file(counsellor, path)
    assert [(row, column) for row, column, _ in problems_of(batch)] == [(5, "残疾等级")]
    assert batch.rows_created == 1


def test_a_workbook_that_would_unpack_too_big_is_refused_unopened(counsellor, tmp_path, settings):
    # given a limit of 16 MB (2 GB in production) and a small file that unpacks to 32 MB
    settings.EXCHANGE_MAX_UNPACKED_BYTES = 16 * 2**20
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(32 * 2**20))
    assert path.stat().st_size < 2**20
    # then it is refused before anything unpacks it
    batch = import_file(counsellor, path)
    assert batch.status == BatchStatus.FAILED
    assert "上限" in batch.message
