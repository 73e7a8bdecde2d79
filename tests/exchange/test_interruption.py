"""A killed import process leaves the registry exactly as it was, and the import runs again.

The command runs in a subprocess on a database file of its own, and is killed with SIGKILL
while it writes: nothing is mocked.
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
    var_dir: Path, *args: str, wait: bool = True, helper: str = "off"
) -> subprocess.Popen | int:
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
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode


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
    _wait_until_writing(process, database)
    children = _running_children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # then the registry is exactly as before, and no helper process is left running
    assert _counts(database) == before
    deadline = time.monotonic() + 30
    while not all(_ended(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_ended(child) for child in children)
    # and running it again imports the whole file
    assert (
        _ablework(tmp_path, "import", "persons", str(path), "--commit", "valid", helper=helper) == 0
    )
    persons, periods, audits = _counts(database)
    assert (persons, periods, audits) == (before[0] + ROWS, before[1] + ROWS, ROWS)
