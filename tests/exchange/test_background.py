"""On the web, a file is checked and written by a background thread; the page can be left and
opened again, and shows where the work is."""

from __future__ import annotations

import threading

from ablework.core.crypto import lookup_hash
from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.registry.models import Person
from tests.exchange.files import person_rows, write_xlsx
from tests.helpers import signed_in


def _finish(batch_id: int) -> ImportBatch:
    """Wait for the batch's thread (the test database in memory cannot be read while written)."""
    for thread in threading.enumerate():
        if thread.name == f"exchange-{batch_id}":
            thread.join(timeout=120)
            assert not thread.is_alive()
    return ImportBatch.objects.get(pk=batch_id)


def test_the_check_and_the_commit_run_in_the_background(
    national_regions, demo_data, settings, tmp_path
):
    settings.EXCHANGE_JOBS_INLINE = False
    client = signed_in(demo_data["rencheng_counsellor"])
    rows = person_rows(300)
    with write_xlsx(tmp_path / "q.xlsx", rows).open("rb") as handle:
        response = client.post("/imports/new/", {"file": handle})
    batch_id = int(response.headers["Location"].strip("/").split("/")[-1])
    batch = _finish(batch_id)
    assert (batch.status, batch.rows_valid) == (BatchStatus.CHECKED, 300)
    # the user may have left: the batch is found again from the list
    assert f'href="/imports/{batch_id}/"' in client.get("/imports/").content.decode()
    client.post(f"/imports/{batch_id}/commit/", {"mode": "all-or-nothing"})
    batch = _finish(batch_id)
    assert batch.status == BatchStatus.COMMITTED
    hashes = [lookup_hash(row[1]) for row in rows]
    assert Person.objects.filter(resident_id_hash__in=hashes).count() == 300
    assert client.get(f"/imports/{batch_id}/progress.json").json()["running"] is False
