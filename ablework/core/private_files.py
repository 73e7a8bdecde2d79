"""Files that hold personal data on this machine — the SQLite database and its -wal/-shm, uploads
waiting for their commit, the keys of a demo or development install, all under var/ — are
readable by the account running Ablework only: folders 0700, files 0600.

Three things keep it so: the process's umask (new files 0600, new folders 0700, whatever creates
them), set by the `ablework` command before anything else and again when Django starts (the WSGI
server's path); a pass at start-up that closes what an older install or a copy left open; and the
SQLite files' own modes fixed whenever a connection opens one (SQLite gives -wal and -shm the
database file's mode). Only the standard library here: the command line calls it before Django
is set up.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

# New files rw------- (0600), new folders rwx------ (0700): nothing for group or others.
PRIVATE_UMASK = 0o077
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# What SQLite keeps beside its database file.
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def restrict_new_files() -> None:
    """From now on, files and folders this process creates are its account's only."""
    os.umask(PRIVATE_UMASK)


def private_directory(path: Path) -> Path:
    """`path` (and any missing parent) as a folder only this account may enter."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    _set_mode(path, PRIVATE_DIR_MODE)
    return path


def make_private(root: Path) -> None:
    """Close `root` and everything below it: folders 0700, files 0600 (links left alone)."""
    if not root.is_dir() or root.is_symlink():
        return
    _set_mode(root, PRIVATE_DIR_MODE)
    for path, is_dir in _tree(root):
        _set_mode(path, PRIVATE_DIR_MODE if is_dir else PRIVATE_FILE_MODE)


def make_sqlite_files_private(database: str | os.PathLike[str]) -> None:
    """The database file and the files SQLite keeps beside it, 0600 (an in-memory one has
    none)."""
    for suffix in SQLITE_SUFFIXES:
        path = Path(f"{os.fspath(database)}{suffix}")
        if path.is_file() and not path.is_symlink():
            _set_mode(path, PRIVATE_FILE_MODE)


def open_private(path: Path) -> int:
    """A new file at `path`, created 0600 whatever the umask; returns its descriptor."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)


def _tree(root: Path) -> Iterator[tuple[Path, bool]]:
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in dirs:
            if not (base / name).is_symlink():
                yield base / name, True
        for name in files:
            if not (base / name).is_symlink():
                yield base / name, False


def _set_mode(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except FileNotFoundError:  # removed meanwhile (a -wal at the last connection's close)
        pass
