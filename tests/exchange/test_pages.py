"""The import pages as a user meets them: instructions and template, an error summary, the
progress of a running batch (from its job), an interrupted batch started again, discarding."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ablework.exchange.jobs import start_commit
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from ablework.jobs.liveness import this_host
from ablework.jobs.models import Job, JobState
from ablework.registry.imports.catalog import PERSON_COLUMNS
from tests.exchange.files import person_rows, registry_state, write_xlsx

pytestmark = pytest.mark.django_db

DOCS = Path(settings.PROJECT_DIR) / "docs" / "import-format.md"
DEAD_PID = 2**22 + 12345  # above Linux's default pid_max: no such process


def _upload(client: Client, path: Path) -> ImportBatch:
    with path.open("rb") as handle:
        client.post("/imports/new/", {"file": handle})
    return ImportBatch.objects.latest("pk")


def test_the_upload_page_explains_the_columns_and_offers_the_template(client):
    page = client.get("/imports/new/").content.decode()
    assert 'href="/imports/template.xlsx"' in page
    assert '<label for="id_file">' in page
    assert 'aria-describedby="id_file_helptext"' in page
    assert "<caption>" in page
    for column in PERSON_COLUMNS:
        assert f'<th scope="row">{column.header}</th>' in page


def test_uploading_nothing_shows_an_error_summary_linking_to_the_field(client):
    page = client.post("/imports/new/", {}).content.decode()
    assert 'role="alert"' in page
    assert 'href="#id_file"' in page
    assert not ImportBatch.objects.exists()


def test_the_template_has_every_column_as_text_and_an_instructions_sheet(client):
    response = client.get("/imports/template.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    data, instructions = workbook["残疾人信息"], workbook["填写说明"]
    assert [cell.value for cell in data[1]] == [column.header for column in PERSON_COLUMNS]
    assert data.column_dimensions["B"].number_format == "@"  # IDs stay text in Excel
    explained = {row[0]: row for row in instructions.iter_rows(min_row=2, values_only=True)}
    for column in PERSON_COLUMNS:
        _, required, how, _, why, _ = explained[column.header]
        assert required == ("必填" if column.required else "选填")
        assert how
        assert why


def test_the_docs_list_every_column_and_every_accepted_variant():
    text = DOCS.read_text(encoding="utf-8")
    for column in PERSON_COLUMNS:
        for name in column.names:
            assert name in text, name


def _running(batch: ImportBatch, status: str, **job: object) -> Job:
    """The batch's pass as a worker on this machine runs it (pid: that worker's process)."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=status, rows_total=160)
    Job.objects.filter(pk=batch.job_id).update(
        state=JobState.RUNNING,
        worker_host=this_host(),
        worker_pid=job.pop("pid", os.getpid()),
        progress_since=timezone.now() - timedelta(minutes=2),
        **job,
    )
    return Job.objects.get(pk=batch.job_id)


def test_a_running_batch_shows_its_progress_from_its_job_and_can_be_left(client, tmp_path):
    batch = _upload(client, write_xlsx(tmp_path / "a.xlsx", person_rows(3)))
    job = _running(batch, BatchStatus.CHECKING, done=40, total=160)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert '<label for="job-progress-bar">正在检查每一行</label>' in page
    assert '<progress id="job-progress-bar" max="100" value="25">' in page
    assert '<p aria-live="polite" id="job-progress-text">已处理 40 / 160（25%）</p>' in page
    assert "预计还需约 6 分钟。" in page  # a quarter in two minutes: six more
    assert "jobs/progress.js" in page
    assert f'href="/jobs/{job.pk}/"' in page
    assert client.get(f"/jobs/{job.pk}/progress.json").json() == {
        "state": "running",
        "state_label": "正在进行",
        "running": True,
        "percent": 25,
        "done": 40,
        "total": 160,
        "text": "已处理 40 / 160（25%）",
        "time_left": "预计还需约 6 分钟。",
    }
    listing = client.get("/imports/").content.decode()
    assert f'href="/imports/{batch.pk}/"' in listing
    assert "正在检查（25%）" in listing


def test_a_commit_whose_worker_died_is_reported_and_can_be_started_again(client, tmp_path):
    # given a checked batch whose worker was killed while writing (the transaction rolled back)
    batch = _upload(client, write_xlsx(tmp_path / "a.xlsx", person_rows(3)))
    before = registry_state()
    start_commit(batch, CommitMode.VALID_ROWS)  # queued (this test's transaction never commits)
    job = _running(batch, BatchStatus.WRITING, pid=DEAD_PID, done=1, total=3)
    # then the page says so, its job is recorded as failed, and the registry is as it was
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "处理被中断" in page
    assert "执行这个任务的后台程序已经停止" in page
    assert f'action="/imports/{batch.pk}/restart/"' in page
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert registry_state() == before
    # when started again, the same job runs the commit to the end
    client.post(f"/imports/{batch.pk}/restart/")
    batch.refresh_from_db()
    job.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert (batch.job_id, job.state) == (job.pk, JobState.SUCCEEDED)
    assert job.message == (
        "已导入：共 3 行，通过 3 行，未通过 0 行；新增人员 3，更新人员 0，无变化 0。"
    )
    assert registry_state()["persons"] == before["persons"] + 3
    assert batch.stored_file == ""


def test_discarding_writes_nothing_and_deletes_the_kept_file(client, tmp_path):
    batch = _upload(client, write_xlsx(tmp_path / "a.xlsx", person_rows(2)))
    kept = Path(settings.EXCHANGE_UPLOAD_DIR) / batch.stored_file
    assert kept.exists()
    assert person_rows(1)[0][1].encode() not in kept.read_bytes()  # encrypted at rest
    before = registry_state()
    client.post(f"/imports/{batch.pk}/discard/")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DISCARDED
    assert registry_state() == before
    assert not kept.exists()
    assert client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"}).status_code == 409


def test_discarding_deletes_the_batchs_problems_and_rejected_rows(client, tmp_path):
    # given a checked batch with a rejected row (a resident ID of the wrong length)
    rows = person_rows(2)
    rows[1] = [cell if index != 1 else "12345" for index, cell in enumerate(rows[1])]
    batch = _upload(client, write_xlsx(tmp_path / "bad.xlsx", rows))
    assert batch.problems.exists()
    assert batch.rejected_rows.exists()
    # when it is discarded
    client.post(f"/imports/{batch.pk}/discard/")
    # then nothing of what it found is kept (before, a hostile file's 3 M problem rows stayed)
    assert not batch.problems.exists()
    assert not batch.rejected_rows.exists()
