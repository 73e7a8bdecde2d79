"""A killed import process — the command line's, or the worker's — leaves the registry exactly
as it was; its job is recorded as failed, and the import runs again.

The command and the worker run in subprocesses on a database file of their own, and are killed
with SIGKILL while they write: nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.exchange.files import person_rows, write_csv

ROWS = 6_000


def _ablework(
    var_dir: Path, *args: str, wait: bool = True, helper: str = "off", output: bool = False
) -> subprocess.Popen | int | str:
    env = {
        **os.environ,
        "ABLEWORK_ENV": "demo",
        "ABLEWORK_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
        "ABLEWORK_IMPORT_HELPER_MIN_BYTES": helper,
    }
    command = [sys.executable, "-m", "ablework.cli", *args]
    if not wait:
        return subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    done = subprocess.run(command, env=env, capture_output=True, check=False, text=True)
    if output:
        assert done.returncode == 0, done.stderr
        return done.stdout
    return done.returncode


def _query(database: Path, query: str) -> tuple:
    with sqlite3.connect(database) as connection:
        return connection.execute(query).fetchone()


def _job(database: Path, job_id: int) -> tuple[str, str]:
    """The job's state and message, as its page shows them."""
    return _query(database, f"SELECT state, message FROM jobs_job WHERE id = {job_id}")  # noqa: S608


def _start_worker_restart(var_dir: Path) -> None:
    """A new worker starts (and finds the job its killed predecessor left), then stops."""
    assert _ablework(var_dir, "worker", "--batch") == 0


def _counts(database: Path) -> tuple[int, ...]:
    with sqlite3.connect(database) as connection:
        return tuple(
            connection.execute(query).fetchone()[0]
            for query in (
                "SELECT COUNT(*) FROM registry_person",
                "SELECT COUNT(*) FROM registry_employmentperiod",
                "SELECT COUNT(*) FROM core_auditrecord WHERE action LIKE 'registry.person.import%'",
            )
        )


def _wait_until_writing(process: subprocess.Popen, database: Path) -> None:
    """Until the import is inside its transaction and has written a good part of it."""
    wal = database.with_name(database.name + "-wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with sqlite3.connect(database) as connection:
            row = connection.execute(
                "SELECT status FROM exchange_importbatch ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if row and row[0] == "writing" and wal.exists() and wal.stat().st_size > 1024 * 1024:
            return
        time.sleep(0.05)
    pytest.fail("the import never reached the middle of its writing")


def _running_children(pid: int) -> list[int]:
    """Processes whose parent is `pid` and that have not ended (not zombies)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            children.append(int(stat.parent.name))
    return children


def _ended(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def _kill_while_writing(process: subprocess.Popen, database: Path) -> list[int]:
    """SIGKILL the process in the middle of its writing; wait until its helper processes (which
    are returned) have ended too."""
    _wait_until_writing(process, database)
    children = _running_children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while not all(_ended(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_ended(child) for child in children), "a helper process was left running"
    return children


@pytest.fixture(scope="module")
def seeded_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder migrated and seeded with some persons once, for each case to copy."""
    var_dir = tmp_path_factory.mktemp("seeded-registry")
    assert _ablework(var_dir, "migrate", "-v", "0") == 0
    assert _ablework(var_dir, "seed", "--persons", "50") == 0
    return var_dir


# Both cases copy the module's seeded folder: one worker builds it once for both.
@pytest.mark.slow
@pytest.mark.xdist_group("seeded-registry")
@pytest.mark.parametrize("helper", ["off", "0"], ids=["checked-in-place", "checked-in-helper"])
def test_killing_the_import_midway_changes_nothing_and_it_can_run_again(
    tmp_path, seeded_registry, helper
):
    # given a registry with some persons, and a large file
    shutil.copytree(seeded_registry, tmp_path, dirs_exist_ok=True)
    database = tmp_path / "db.sqlite3"
    before = _counts(database)
    path = write_csv(tmp_path / "county.csv", person_rows(ROWS, seed=8))
    # when the import is killed while it writes
    process = _ablework(
        tmp_path, "import", "persons", str(path), "--commit", "valid", wait=False, helper=helper
    )
    _kill_while_writing(process, database)
    # then the registry is exactly as before, and no helper process is left running
    assert _counts(database) == before
    # and its job, found by the next worker to start, is recorded as failed
    (job_id,) = _query(database, "SELECT MAX(id) FROM jobs_job")
    _start_worker_restart(tmp_path)
    assert _job(database, job_id)[0] == "failed"
    # and running it again imports the whole file
    assert (
        _ablework(tmp_path, "import", "persons", str(path), "--commit", "valid", helper=helper) == 0
    )
    persons, periods, audits = _counts(database)
    assert (persons, periods, audits) == (before[0] + ROWS, before[1] + ROWS, ROWS)


QUEUE_COMMIT = """
from pathlib import Path
from ablework.accounts.models import User
from ablework.exchange.batches import receive_upload
from ablework.exchange.jobs import start_commit
from ablework.exchange.models import CommitMode
user = User.objects.create(username="counsellor", role="counsellor", region_id="370811")
path = Path({path!r})
batch = receive_upload(
    actor=user, kind="persons", file_name=path.name, chunks=[path.read_bytes()]
)
batch.status = "checked"  # as after the page's check: only a checked batch is committed
batch.save(update_fields=["status"])
print(batch.pk, start_commit(batch, CommitMode.VALID_ROWS).pk)
"""
RESTART = """
from ablework.accounts.models import User
from ablework.exchange.batches import is_interrupted
from ablework.exchange.jobs import start_again
from ablework.exchange.models import ImportBatch
batch = ImportBatch.objects.select_related("job").get(pk={batch_id})
assert is_interrupted(batch)
start_again(actor=User.objects.get(username="counsellor"), batch=batch)
"""


def test_killing_the_worker_midway_changes_nothing_and_the_job_can_run_again(
    tmp_path, seeded_registry
):
    # given a registry with some persons, and a large file queued for writing
    shutil.copytree(seeded_registry, tmp_path, dirs_exist_ok=True)
    database = tmp_path / "db.sqlite3"
    before = _counts(database)
    path = write_csv(tmp_path / "county.csv", person_rows(ROWS, seed=9))
    queued = _ablework(
        tmp_path, "shell", "-v", "0", "-c", QUEUE_COMMIT.format(path=str(path)), output=True
    )
    batch_id, job_id = (int(number) for number in str(queued).split())
    # when the worker, checking in its helper process, is killed while it writes
    worker = _ablework(tmp_path, "worker", wait=False, helper="0")
    children = _kill_while_writing(worker, database)
    assert children, "the worker checks a large file in a helper process"
    # then the registry is exactly as before, and no helper process is left running
    assert _counts(database) == before
    # and the next worker to start records the job as failed, with the reason
    assert _job(database, job_id)[0] == "running"
    _start_worker_restart(tmp_path)
    state, message = _job(database, job_id)
    assert state == "failed"
    assert "后台程序已经停止" in message
    # and started again, the same job writes the whole file
    _ablework(tmp_path, "shell", "-v", "0", "-c", RESTART.format(batch_id=batch_id), output=True)
    assert _ablework(tmp_path, "worker", "--batch", helper="0") == 0
    assert _job(database, job_id)[0] == "succeeded"
    assert _query(database, f"SELECT status FROM exchange_importbatch WHERE id = {batch_id}") == (  # noqa: S608
        "committed",
    )
    persons, periods, audits = _counts(database)
    assert (persons, periods, audits) == (before[0] + ROWS, before[1] + ROWS, ROWS)
