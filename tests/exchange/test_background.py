"""On the web, a file is checked and written by the worker, not by the request: the page
answers at once, shows the job queued, can be left and opened again, and shows the result once
`ablework worker` has run the job. (The database backend, as deployed, with real commits; the
worker runs in this process.)"""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ablework.core.crypto import lookup_hash
from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.jobs.models import JobState
from ablework.registry.models import Person
from tests.exchange.files import person_rows, write_xlsx
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queue(settings):
    """Jobs go to the database queue, as deployed; the worker's signal handlers are undone."""
    settings.TASKS = DATABASE_QUEUE
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def run_worker() -> None:
    """`ablework worker --batch`: run what is queued, then stop."""
    call_command("worker", "--batch", verbosity=0)


def test_the_check_and_the_commit_are_run_by_the_worker(
    national_regions, demo_data, tmp_path, queue
):
    client = signed_in(demo_data["rencheng_counsellor"])
    rows = person_rows(300)
    # when a file is uploaded, the page answers with the job queued, not yet done
    with write_xlsx(tmp_path / "q.xlsx", rows).open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    batch = ImportBatch.objects.get(pk=int(response.headers["Location"].strip("/").split("/")[-1]))
    assert (batch.status, batch.job.state) == (BatchStatus.QUEUED, JobState.QUEUED)
    assert DBTaskResult.objects.get(id=batch.job.task_result_id).status == "READY"
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "排队等待后台程序处理。" in page
    # the user may leave: the batch is found again from the list
    assert f'href="/imports/{batch.pk}/"' in client.get("/imports/").content.decode()
    # then the worker checks it
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.rows_valid) == (BatchStatus.CHECKED, 300)
    assert batch.job.state == JobState.SUCCEEDED
    assert batch.job.message == "检查完成：共 300 行，通过 300 行，未通过 0 行。"
    # and, once asked to, writes it
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert (batch.status, batch.job.state) == (BatchStatus.WRITING, JobState.QUEUED)
    run_worker()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    hashes = [lookup_hash(row[1]) for row in rows]
    assert Person.objects.filter(resident_id_hash__in=hashes).count() == 300
    job_page = client.get(f"/jobs/{batch.job_id}/").content.decode()
    assert "已导入：共 300 行" in job_page
    assert f'href="/imports/{batch.pk}/"' in job_page
    assert client.get(f"/jobs/{batch.job_id}/progress.json").json()["running"] is False
    assert DBTaskResult.objects.get(id=batch.job.task_result_id).status == "SUCCESSFUL"
