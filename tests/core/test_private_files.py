"""var/ — the SQLite database and its -wal/-shm, uploads, keys — is readable by Ablework's own
account only: the folder 0700, its files 0600, whatever the umask of the shell that started it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.exchange.files import person_rows, write_xlsx
from tests.helpers import signed_in

PERMISSIVE_UMASK = 0o022  # a usual login shell's: files 0644, folders 0755


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
def test_after_ablework_migrate_var_is_0700_and_the_database_and_keys_0600(tmp_path):
    var = tmp_path / "var"
    # given a var/ an older install left open, with a copy of a database in it
    var.mkdir()
    os.chmod(var, 0o755)  # noqa: S103 — the open folder under test
    (var / "backup").mkdir()
    copy = var / "backup" / "old.sqlite3"
    copy.write_bytes(b"SQLite format 3\x00")
    os.chmod(copy, 0o644)
    database = var / "ablework.sqlite3"
    database.touch(mode=0o644)  # SQLite takes an empty file for a new database
    os.chmod(database, 0o644)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the local SQLite file
    env |= {"ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var)}
    env.pop("ABLEWORK_SECRET_KEY", None)
    env.pop("ABLEWORK_DATA_KEY", None)
    # when `ablework migrate` runs from a shell with a permissive umask
    subprocess.run(
        [sys.executable, "-m", "ablework.cli", "migrate", "-v", "0"],
        env=env,
        check=True,
        umask=PERMISSIVE_UMASK,
    )
    # then var/ and everything in it is the account's only
    assert database.stat().st_size > 0
    assert _mode(var) == 0o700
    assert _mode(var / "backup") == 0o700
    files = [p for p in var.rglob("*") if p.is_file()]
    assert {database, var / "data.key", var / "secret.key", copy} <= set(files)
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_the_database_and_its_wal_and_shm_files_are_closed_to_others(tmp_path):
    import sqlite3

    from ablework.core.private_files import make_sqlite_files_private

    database = tmp_path / "db.sqlite3"
    old = os.umask(PERMISSIVE_UMASK)
    try:
        with sqlite3.connect(database) as raw:  # WAL, as the settings open it
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("CREATE TABLE t (x)")
            raw.execute("INSERT INTO t VALUES (1)")
            beside = [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm")]
            assert all(p.exists() for p in beside)
            make_sqlite_files_private(database)
            assert [_mode(p) for p in beside] == [0o600, 0o600, 0o600]
    finally:
        os.umask(old)


@pytest.mark.django_db
def test_an_uploaded_import_file_is_0600_in_a_0700_folder(counsellor, tmp_path, settings):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "imports"
    settings.EXCHANGE_UPLOAD_DIR.mkdir()
    os.chmod(settings.EXCHANGE_UPLOAD_DIR, 0o755)  # noqa: S103 — as an older install left it
    from ablework.exchange.models import ImportBatch

    old = os.umask(PERMISSIVE_UMASK)
    try:
        with write_xlsx(tmp_path / "a.xlsx", person_rows(2)).open("rb") as handle:
            signed_in(counsellor).post("/imports/new/", {"file": handle})
    finally:
        os.umask(old)
    kept = Path(settings.EXCHANGE_UPLOAD_DIR) / ImportBatch.objects.latest("pk").stored_file
    assert kept.exists()
    assert _mode(kept) == 0o600
    assert _mode(kept.parent) == 0o700


def test_the_web_process_starts_with_a_private_umask():
    # Django's start-up (the WSGI server's path too) set it: read it back without changing it.
    current = os.umask(0o077)
    os.umask(current)
    assert current == 0o077
    assert Path(settings.VAR_DIR).exists() is False or _mode(Path(settings.VAR_DIR)) == 0o700
