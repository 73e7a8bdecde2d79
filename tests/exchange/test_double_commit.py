"""A batch is written once, however many commit requests arrive together: the first moves it
from "checked" to "writing" in one conditional UPDATE; the others are told it is already being
imported, and neither the registry nor the audit trail sees a second pass."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ablework.core.errors import Conflict
from ablework.core.models import AuditRecord
from ablework.exchange.jobs import start_commit
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from tests.exchange.files import person_rows, write_xlsx
from tests.helpers import signed_in

ROWS = 5


def _checked_batch(client: Client, tmp_path) -> ImportBatch:
    with write_xlsx(tmp_path / "q.xlsx", person_rows(ROWS)).open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    batch = ImportBatch.objects.get(pk=int(response.headers["Location"].strip("/").split("/")[-1]))
    assert batch.status == BatchStatus.CHECKED
    return batch


def _commits() -> list[AuditRecord]:
    return list(AuditRecord.objects.filter(action="exchange.import.commit"))


@pytest.mark.django_db
def test_a_second_commit_that_passed_the_page_check_is_told_the_batch_is_importing(
    client, tmp_path, django_capture_on_commit_callbacks
):
    # given two requests that both found the batch checked
    batch = _checked_batch(client, tmp_path)
    first, second = ImportBatch.objects.get(pk=batch.pk), ImportBatch.objects.get(pk=batch.pk)
    # when both commit it (the first one's job runs as its request ends)
    with django_capture_on_commit_callbacks(execute=True):
        start_commit(first, CommitMode.VALID_ROWS)
    with pytest.raises(Conflict) as refused, django_capture_on_commit_callbacks(execute=True):
        start_commit(second, CommitMode.VALID_ROWS)
    # then it is written once, reported with what was created, and audited once
    assert "已经开始导入" in refused.value.message
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created) == (BatchStatus.COMMITTED, ROWS)
    assert [audit.detail["created"] for audit in _commits()] == [ROWS]


@pytest.mark.django_db
def test_committing_a_batch_being_written_says_so(client, tmp_path):
    batch = _checked_batch(client, tmp_path)
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.WRITING)
    response = client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"}, follow=True)
    assert response.redirect_chain == [(f"/imports/{batch.pk}/", 302)]
    assert "已经开始导入" in response.content.decode()
    assert _commits() == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite runs one write transaction at a time (BEGIN IMMEDIATE): nothing to race",
)
def test_three_simultaneous_commits_write_the_batch_once(national_regions, demo_data, tmp_path):
    # given a checked batch and three open pages of it
    counsellor = demo_data["rencheng_counsellor"]
    batch = _checked_batch(signed_in(counsellor), tmp_path)
    clients = [signed_in(counsellor) for _ in range(3)]
    barrier = threading.Barrier(len(clients))
    pages: list[str] = []

    def commit(page: Client) -> None:
        try:
            barrier.wait()
            response = page.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"}, follow=True)
            pages.append(response.content.decode())
        finally:
            connection.close()

    # when all three press "import" at once
    threads = [threading.Thread(target=commit, args=(page,)) for page in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    # then two are told it is already being imported; it is written and audited once
    assert len(pages) == 3
    assert sum("已经开始导入" in page for page in pages) == 2
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created) == (BatchStatus.COMMITTED, ROWS)
    assert [audit.detail["created"] for audit in _commits()] == [ROWS]
