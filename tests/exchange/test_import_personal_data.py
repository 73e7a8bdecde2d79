"""What an import leaves behind (issue 9, item 4): no clear copy of the upload on disk, even
after a crash or a kill; no identifier in clear in what it reports; nothing kept past the
retention period, and nothing kept at all once the batch is discarded."""

from __future__ import annotations

import io
import os
import signal
import tempfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from ablework.exchange.models import BatchStatus, ImportBatch, ImportProblem, RejectedRow
from ablework.exchange.rejected import write_rejected_rows
from ablework.exchange.retention import sweep_at_start
from ablework.exchange.storage import opened_upload, upload_directory
from ablework.jobs.signals import worker_started
from tests.exchange.files import HEADER, person_rows, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """The system's temporary folder, inside this test's folder (so it can be searched)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def files_holding(marker: bytes, *folders: Path) -> list[Path]:
    """Every file under `folders` whose bytes contain `marker`."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and marker in path.read_bytes():
                found.append(path)
    return found


def upload(client, path: Path) -> ImportBatch:
    with path.open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    assert response.status_code == 302
    return ImportBatch.objects.get(pk=int(response.headers["Location"].strip("/").split("/")[-1]))


def test_a_check_never_writes_the_clear_upload_to_disk_even_when_a_reader_fails(
    client, tmp_path, temp_dir, settings, monkeypatch
):
    # given a file whose rows hold resident IDs, and a reader that fails in the middle of the
    # check (as a crash would), looking first for clear copies of the upload
    rows = person_rows(5)
    marker = rows[0][1].encode()
    (tmp_path / "in").mkdir()
    path = write_csv(tmp_path / "in" / "list.csv", rows)
    seen_during_check: list[Path] = []

    import ablework.exchange.importing.checking as checking

    def failing_reader(*args, **kwargs):
        seen_during_check.extend(files_holding(marker, upload_directory(), temp_dir))
        raise RuntimeError("the server was stopped in the middle of the check")

    monkeypatch.setattr(checking, "locate_data", failing_reader)
    # when it is uploaded and checked
    batch = upload(client, path)
    # then during the check, and after the failure, no file holds the clear content
    assert seen_during_check == []
    assert files_holding(marker, upload_directory(), temp_dir, settings.VAR_DIR) == []
    # (the reader did run: the upload was decrypted for it)
    batch.refresh_from_db()
    assert batch.stored_file


def test_a_killed_check_leaves_no_clear_copy_behind(client, tmp_path, temp_dir, monkeypatch):
    # given an uploaded file kept (encrypted) for its check
    rows = person_rows(5)
    marker = rows[0][1].encode()
    import ablework.exchange.jobs as jobs

    monkeypatch.setattr(jobs, "start_check", lambda batch: None)  # kept, not yet checked
    batch = upload(client, write_csv(tmp_path / "list.csv", rows))
    (tmp_path / "list.csv").unlink()
    # when a process opens it for a pass and is killed (SIGKILL: no clean-up runs)
    child = os.fork()
    if child == 0:  # pragma: no cover — the child
        with opened_upload(batch.stored_file) as clear:
            assert marker in clear.read()
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(1)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status)
    # then no file anywhere under this test's folders holds the clear content
    assert files_holding(marker, tmp_path) == []


def test_leftover_clear_copies_are_swept_when_a_process_starts(client, tmp_path, monkeypatch):
    # given an encrypted upload and a clear copy an earlier version's killed process left
    import ablework.exchange.jobs as jobs

    monkeypatch.setattr(jobs, "start_check", lambda batch: None)
    batch = upload(client, write_csv(tmp_path / "list.csv", person_rows(2)))
    leftover = upload_directory() / "tmpk3x9q0ab"
    leftover.write_bytes(b"370811199001011234")
    # when the web server starts (wsgi), or a worker
    sweep_at_start()
    # then the copy is gone and the upload is kept
    assert not leftover.exists()
    assert (upload_directory() / batch.stored_file).exists()
    leftover.write_bytes(b"370811199001011234")
    worker_started.send(sender=None)
    assert not leftover.exists()


def test_an_id_typed_into_the_wrong_column_is_masked_in_problems_and_reasons(
    client, counsellor, tmp_path
):
    # given a file with a resident ID typed into the category and region columns and into
    # the header (a column name)
    rows = person_rows(2)
    typed = rows[1][1]
    rows[0][3] = typed
    rows[1][5] = typed
    batch = upload(client, write_csv(tmp_path / "a.csv", rows, header=[*HEADER, typed]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CHECKED
    masked = typed[:6] + "*" * 12
    # then no stored problem, no page and no reason holds it in clear
    messages = list(ImportProblem.objects.values_list("message", flat=True))
    assert any(masked in message for message in messages)
    assert not any(typed in message for message in messages)
    assert not RejectedRow.objects.filter(reasons__contains=typed).exists()
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert masked in page
    assert typed not in page
    # and in the rejected-rows download, the reasons column is masked (the cells keep what
    # was typed, for correcting the file; the download needs the reveal permission)
    buffer = io.BytesIO()
    write_rejected_rows(actor=counsellor, batch=batch, target=buffer)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    reasons = [row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(reasons) == 2
    assert all(typed not in reason for reason in reasons)
    assert any(masked in reason for reason in reasons)


def _batch_with_problems(client, tmp_path, name: str) -> ImportBatch:
    rows = person_rows(3, seed=len(name))
    rows[0][3] = "不知道"
    batch = upload(client, write_csv(tmp_path / name, rows))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CHECKED
    assert batch.problems.exists()
    assert batch.rejected_rows.exists()
    assert (upload_directory() / batch.stored_file).exists()
    return batch


def test_discarding_a_batch_deletes_its_upload_problems_and_rejected_rows(client, tmp_path):
    batch = _batch_with_problems(client, tmp_path, "a.csv")
    stored = upload_directory() / batch.stored_file
    response = client.post(f"/imports/{batch.pk}/discard/")
    assert response.status_code == 302
    assert not stored.exists()
    assert not ImportProblem.objects.filter(batch=batch).exists()
    assert not RejectedRow.objects.filter(batch=batch).exists()


def test_contents_past_the_retention_period_are_deleted_by_the_purge(client, tmp_path, settings):
    # given a batch uploaded 31 days ago and never committed, and one from today
    settings.IMPORT_RETENTION_DAYS = 30
    old = _batch_with_problems(client, tmp_path, "old.csv")
    recent = _batch_with_problems(client, tmp_path, "recent.csv")
    old_file = upload_directory() / old.stored_file
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    # when the scheduled purge runs
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    # then the old batch's upload, problems and rejected rows are gone, and it says so
    old.refresh_from_db()
    assert not old_file.exists()
    assert not old.problems.exists()
    assert not old.rejected_rows.exists()
    assert old.status == BatchStatus.DISCARDED
    assert old.contents_purged_at is not None
    page = client.get(f"/imports/{old.pk}/").content.decode()
    assert 'id="contents-purged"' in page
    assert f"/imports/{old.pk}/rejected.xlsx" not in page
    assert f"/imports/{old.pk}/commit/" not in page
    assert "清理了 1 个导入批次的内容" in out.getvalue()
    # and today's batch is kept as it was
    assert (upload_directory() / recent.stored_file).exists()
    assert recent.problems.exists()
    assert recent.rejected_rows.exists()
