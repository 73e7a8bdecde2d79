"""`ablework worker` beside another command (as `ablework demo` runs it beside its web server):
it runs what is queued, and stops when the command leaves. Real processes, a database file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from ablework.jobs.worker import worker_beside

QUEUE = """
from ablework.jobs.services import enqueue_job
from tests.jobs.work import count_to
print(enqueue_job(actor=None, kind="test", label="数到 3", work=count_to, arguments=[3]).pk)
"""


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A migrated database file of its own, which the commands below (and their children) use."""
    monkeypatch.setenv("ABLEWORK_ENV", "demo")
    monkeypatch.setenv("ABLEWORK_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    subprocess.run([sys.executable, "-m", "ablework.cli", "migrate", "-v", "0"], check=True)
    return tmp_path


def _state(database, job_id: int) -> str:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT state FROM jobs_job WHERE id = ?", [job_id]).fetchone()[0]


def test_a_worker_beside_a_command_runs_the_queue_and_stops_with_it(data_folder):
    queued = subprocess.run(
        [sys.executable, "-m", "ablework.cli", "shell", "-v", "0", "-c", QUEUE],
        check=True,
        capture_output=True,
        text=True,
    )
    job_id = int(queued.stdout.split()[-1])
    database = data_folder / "db.sqlite3"
    assert _state(database, job_id) == "queued"
    with worker_beside() as worker:
        deadline = time.monotonic() + 60
        while _state(database, job_id) != "succeeded" and time.monotonic() < deadline:
            assert worker.poll() is None
            time.sleep(0.2)
        assert _state(database, job_id) == "succeeded"
    assert worker.poll() is not None  # stopped when the command left
