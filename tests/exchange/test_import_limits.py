"""Bounded imports (issue 9, item 14): a row limit that stops reading (lower on the web than on
the command line), a cap on stored problems, a limit on a user's running imports, and uploads
refused while still arriving once they pass the size limit."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.template.defaultfilters import filesizeformat

import ablework.core.uploads as uploads
import ablework.exchange.reading as reading
from ablework.exchange.models import BatchStatus, ImportBatch, ImportProblem, RejectedRow
from ablework.exchange.storage import upload_directory
from ablework.registry.models import Person
from tests.exchange.factories import ImportBatchFactory
from tests.exchange.files import HEADER, import_file, person_rows, write_csv

pytestmark = pytest.mark.django_db

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def post_file(client, path: Path, url: str = "/imports/new/"):
    with path.open("rb") as handle:
        return client.post(url, {"file": handle})


def batch_from(response) -> ImportBatch:
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.get(pk=int(response.headers["Location"].strip("/").split("/")[-1]))


@pytest.fixture
def rows_read(monkeypatch) -> list[int]:
    """How many rows the readers handed over (a CSV's or any sheet's), in one list."""
    seen = [0]

    def counting(reader):
        def wrapped(*args, **kwargs):
            for row in reader(*args, **kwargs):
                seen[0] += 1
                yield row

        return wrapped

    monkeypatch.setattr(reading, "_csv_rows", counting(reading._csv_rows))
    monkeypatch.setattr(reading, "_sheet_rows", counting(reading._sheet_rows))
    return seen


def _cells(values) -> str:
    return "".join(f'<c t="inlineStr"><is><t>{escape(str(v))}</t></is></c>' for v in values)


def write_many_rows_xlsx(path: Path, rows: list[list[object]], repeat: int) -> Path:
    """An .xlsx (written as a stream, as openpyxl is too slow for this) whose sheet holds the
    header and then `rows` over and over, `repeat` times: small packed, huge unpacked."""
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{DOCUMENT}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets><sheet name="名单" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{DOCUMENT}/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    bodies = [_cells(row) for row in rows]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode())
            sheet.write(f"{_cells(HEADER)}</row>".encode())
            number = 2
            for _ in range(repeat):
                block = []
                for body in bodies:
                    block.append(f'<row r="{number}">{body}</row>')
                    number += 1
                sheet.write("".join(block).encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


# Row limit


def test_a_web_file_over_the_row_limit_stops_at_the_limit_and_says_to_split_it_or_use_the_cli(
    client, tmp_path, settings, rows_read
):
    # given a web limit of 50 rows (the command line's is larger)
    settings.IMPORT_WEB_MAX_ROWS = 50
    settings.IMPORT_CLI_MAX_ROWS = 5000
    rows = person_rows(200)
    for row in rows:
        row[3] = "不知道"  # every row rejected: problems pile up while reading goes on
    # when a 200-row file is uploaded
    batch = batch_from(post_file(client, write_csv(tmp_path / "big.csv", rows)))
    # then reading stopped at the limit, and the batch says why and what to do, in Chinese
    batch.refresh_from_db()
    assert rows_read[0] <= 50 + 2  # the header, 50 rows, and the one that passed the limit
    assert batch.status == BatchStatus.FAILED
    assert "网页导入每次最多 50 行" in batch.message
    assert "分成几个" in batch.message
    assert "命令行导入（每次最多 5,000 行）" in batch.message
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "网页导入每次最多 50 行" in page
    # nothing of the rows read is kept
    assert list(batch.problems.values_list("row_number", flat=True)) == [None]
    assert not batch.rejected_rows.exists()


def test_the_command_line_reads_more_rows_than_the_web_up_to_its_own_limit(
    counsellor, tmp_path, settings
):
    settings.IMPORT_WEB_MAX_ROWS = 50
    settings.IMPORT_CLI_MAX_ROWS = 120
    checked = import_file(counsellor, write_csv(tmp_path / "a.csv", person_rows(100)), commit=None)
    assert (checked.status, checked.rows_total) == (BatchStatus.CHECKED, 100)
    refused = import_file(counsellor, write_csv(tmp_path / "b.csv", person_rows(130)))
    assert refused.status == BatchStatus.FAILED
    assert "命令行导入每次最多 120 行" in refused.message
    assert (
        not Person.objects.filter(name__in=[row[0] for row in person_rows(130)[:5]])
        .exclude(created_at__lt=refused.created_at)
        .exists()
    )


def test_a_small_xlsx_that_unpacks_to_300000_rows_is_refused_before_its_rows_are_read(
    client, tmp_path, rows_read
):
    # given a 2 MB .xlsx whose sheet unpacks to about 150 MB: 300,000 rows (the web's limit,
    # as configured, is 50,000)
    rows = person_rows(10)
    for row in rows:
        row[3] = "不知道"  # were they read, every row would add a problem
    path = write_many_rows_xlsx(tmp_path / "bomb.xlsx", rows, repeat=30_000)
    assert path.stat().st_size < 3 * 2**20
    people, problems, rejected = Person.objects.count(), ImportProblem.objects.count(), 0
    # when it is uploaded
    batch = batch_from(post_file(client, path))
    # then it is refused by the row limit before calamine reads a row, and the database holds
    # one problem for it (the reason), no rejected rows and no person more
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert "网页导入每次最多 50,000 行" in batch.message
    assert rows_read[0] == 0
    assert ImportProblem.objects.count() == problems + 1
    assert RejectedRow.objects.count() == rejected
    assert Person.objects.count() == people


def test_the_same_kind_of_streamed_xlsx_within_the_limit_is_read(client, tmp_path):
    # (the refused file above is refused for its rows, not because it cannot be read)
    batch = batch_from(
        post_file(client, write_many_rows_xlsx(tmp_path / "ok.xlsx", person_rows(30), 1))
    )
    batch.refresh_from_db()
    assert (batch.status, batch.rows_total, batch.rows_valid) == (BatchStatus.CHECKED, 30, 30)


# Problems cap


def test_problems_beyond_the_cap_are_counted_and_the_page_says_how_many_are_not_listed(
    client, tmp_path, settings
):
    # given a file of 100 rows, each with problems
    rows = person_rows(100)
    for row in rows:
        row[3] = "不知道"
        row[5] = "12"
    path = write_csv(tmp_path / "bad.csv", rows)
    settings.IMPORT_MAX_PROBLEMS = 1_000_000
    uncapped = batch_from(post_file(client, path))
    total = uncapped.problems.count()
    assert total >= 200
    client.post(f"/imports/{uncapped.pk}/discard/")
    # when it is checked with at most 30 problems stored per batch
    settings.IMPORT_MAX_PROBLEMS = 30
    batch = batch_from(post_file(client, path))
    batch.refresh_from_db()
    # then 30 are stored, the rest counted, and every rejected row keeps all its reasons
    assert batch.problems.count() == 30
    assert batch.problems_unlisted == total - 30
    assert batch.rejected_rows.count() == 100
    assert all("；" in reasons for reasons in batch.rejected_rows.values_list("reasons", flat=True))
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert f"另有 {total - 30:,} 个问题未列出" in page


# Running imports per user


def test_a_third_upload_while_two_are_running_is_refused_with_a_message(
    client, counsellor, tmp_path, settings
):
    settings.IMPORT_RUNNING_PER_USER = 2
    running = [
        ImportBatchFactory(uploaded_by=counsellor, status=BatchStatus.QUEUED, source="web")
        for _ in range(2)
    ]
    # (one whose worker has gone runs no more, and does not count)
    ImportBatchFactory(uploaded_by=counsellor, status=BatchStatus.CHECKING, source="web")
    batches = ImportBatch.objects.count()
    path = write_csv(tmp_path / "third.csv", person_rows(3))
    response = post_file(client, path)
    assert response.status_code == 200
    page = response.content.decode()
    assert "您已有 2 个文件正在排队、检查或写入，每人同时最多 2 个" in page
    assert ImportBatch.objects.count() == batches
    assert list(upload_directory().iterdir()) == []  # the refused file was not kept
    # once one of them is done, the upload is taken
    ImportBatch.objects.filter(pk=running[0].pk).update(status=BatchStatus.CHECKED)
    assert batch_from(post_file(client, path)).status != BatchStatus.FAILED


# Upload size, while the upload arrives


@pytest.fixture
def temp_dirs(tmp_path, settings, monkeypatch) -> Path:
    """The temporary folders Django and Python would spool an upload to, inside the test's."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def kept_bytes(monkeypatch) -> list[int]:
    """How many bytes of uploaded files the upload handler kept, in all."""
    kept = [0]
    original = uploads.anonymous_file

    class Counting:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            kept[0] += len(data)
            return self.handle.write(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __iter__(self):
            return iter(self.handle)

    monkeypatch.setattr(uploads, "anonymous_file", lambda **kw: Counting(original(**kw)))
    return kept


def test_an_upload_announcing_more_than_the_limit_is_refused_before_any_of_it_is_kept(
    client, tmp_path, settings, temp_dirs, kept_bytes
):
    settings.UPLOAD_MAX_BYTES = 100_000
    path = tmp_path / "huge.csv"
    path.write_bytes(b"x" * 400_000)
    response = post_file(client, path)
    # the form answers, naming the limit, in Chinese
    assert response.status_code == 200
    page = response.content.decode()
    assert f"网页上传的文件每次最多 {filesizeformat(100_000)}" in page
    assert 'role="alert"' in page or "error-summary" in page
    assert kept_bytes[0] == 0
    assert list(temp_dirs.iterdir()) == []
    assert not ImportBatch.objects.exists()


def test_an_upload_is_stopped_as_soon_as_it_passes_the_limit_while_arriving(
    client, tmp_path, settings, temp_dirs, kept_bytes
):
    # given a file a little larger than the limit (its request does not announce too much)
    settings.UPLOAD_MAX_BYTES = 100_000
    path = tmp_path / "large.csv"
    path.write_bytes(b"y" * 150_000)
    response = post_file(client, path)
    # then it is refused, having kept no more than the limit, and nothing on disk
    assert response.status_code == 200
    assert f"网页上传的文件每次最多 {filesizeformat(100_000)}" in response.content.decode()
    assert 0 < kept_bytes[0] <= 100_000
    assert list(temp_dirs.iterdir()) == []
    assert not ImportBatch.objects.exists()


def test_an_accepted_upload_never_lies_in_a_named_temporary_file(
    client, tmp_path, temp_dirs, monkeypatch
):
    # given a 3 MB file (more than Django keeps in memory before spooling to /tmp)
    rows = person_rows(5)
    marker = rows[0][1].encode()
    path = write_csv(tmp_path / "in.csv", rows * 6000)
    assert path.stat().st_size > 2_621_440
    import ablework.exchange.views.imports as views

    monkeypatch.setattr(views, "start_check", lambda batch: None)  # the upload is what is tested

    seen: list[Path] = []
    receive = views.receive_upload

    def looking(**kwargs):
        seen.extend(p for p in temp_dirs.rglob("*") if p.is_file() and marker in p.read_bytes())
        return receive(**kwargs)

    monkeypatch.setattr(views, "receive_upload", looking)
    batch = batch_from(post_file(client, path))
    assert batch.file_size == path.stat().st_size
    assert seen == []


def test_a_form_body_over_the_request_limit_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
    response = client.post("/imports/new/", {"note": "x" * 3_000_000})
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_a_browser_posting_a_too_large_file_with_its_csrf_token_sees_the_message(
    counsellor, tmp_path, settings, temp_dirs
):
    # (the token comes before the file in the form, so stopping the upload keeps it)
    from django.test import Client

    settings.UPLOAD_MAX_BYTES = 100_000
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(counsellor)
    form = browser.get("/imports/new/")
    token = form.cookies["csrftoken"].value
    path = tmp_path / "huge.csv"
    path.write_bytes(b"z" * 400_000)
    with path.open("rb") as handle:
        response = browser.post("/imports/new/", {"csrfmiddlewaretoken": token, "file": handle})
    assert response.status_code == 200
    assert "网页上传的文件每次最多" in response.content.decode()
