"""Uploaded files kept between the check and the commit: encrypted at rest in chunks (they hold
identifiers), in a private folder under var/, removed once the batch is done with.

The clear content never reaches a named file: a pass reads it from memory (an anonymous memfd)
or, where the system has none, from a temporary file unlinked as it is created, so a killed
process leaves nothing readable behind."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings

from ablework.core.crypto import decrypt_bytes, encrypt_bytes
from ablework.core.private_files import open_private, private_directory
from ablework.core.uploads import anonymous_file

CHUNK_BYTES = 1 << 20
_LENGTH_BYTES = 4


@dataclass(frozen=True)
class StoredUpload:
    name: str
    sha256: str
    size: int


def upload_directory() -> Path:
    """Where uploads wait (setting EXCHANGE_UPLOAD_DIR, by default var/imports)."""
    directory = Path(getattr(settings, "EXCHANGE_UPLOAD_DIR", settings.VAR_DIR / "imports"))
    return private_directory(directory)


def store_upload(chunks: Iterable[bytes]) -> StoredUpload:
    """Encrypt and keep an upload; returns its name, SHA-256 (of the clear bytes) and size."""
    name = uuid.uuid4().hex
    final = upload_directory() / name
    partial = final.with_suffix(".part")
    digest = hashlib.sha256()
    size = 0
    with os.fdopen(open_private(partial), "wb") as handle:
        for piece in _rechunk(chunks):
            digest.update(piece)
            size += len(piece)
            sealed = encrypt_bytes(piece)
            handle.write(len(sealed).to_bytes(_LENGTH_BYTES, "big") + sealed)
    partial.rename(final)
    return StoredUpload(name=name, sha256=digest.hexdigest(), size=size)


def _rechunk(chunks: Iterable[bytes]) -> Iterator[bytes]:
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= CHUNK_BYTES:
            yield buffer[:CHUNK_BYTES]
            buffer = buffer[CHUNK_BYTES:]
    if buffer:
        yield buffer


@contextmanager
def opened_upload(name: str) -> Iterator[IO[bytes]]:
    """The clear content, for the length of a pass, in a file that has no name anywhere (see
    the module's note); closing it frees it."""
    source = upload_directory() / name
    with anonymous_file(directory=upload_directory()) as clear, source.open("rb") as sealed_file:
        while header := sealed_file.read(_LENGTH_BYTES):
            sealed = sealed_file.read(int.from_bytes(header, "big"))
            clear.write(decrypt_bytes(sealed))
        clear.flush()
        clear.seek(0)
        yield clear


# Kept uploads are named by uuid4().hex; anything else in the folder is a leftover: an upload
# cut off while arriving (`.part`, encrypted) or, from versions before 2026-12, a clear copy
# made for a pass (`tmp…`) that a killed process left behind.
_KEPT_NAME = re.compile(r"^[0-9a-f]{32}$")
PARTIAL_UPLOAD_GRACE_SECONDS = 24 * 60 * 60


def sweep_leftovers(*, now: float) -> int:
    """Delete what is not a kept upload: clear copies at once, partial uploads a day old (a
    younger one may still be arriving). Returns how many files were deleted. Run when a worker
    or the web server starts, and by `ablework purge_imports`."""
    directory = upload_directory()
    removed = 0
    for entry in directory.iterdir():
        if not entry.is_file() or _KEPT_NAME.match(entry.name):
            continue
        if entry.suffix == ".part" and now - entry.stat().st_mtime < PARTIAL_UPLOAD_GRACE_SECONDS:
            continue
        entry.unlink(missing_ok=True)
        removed += 1
    return removed


def kept_uploads() -> Iterator[Path]:
    """Every kept upload in the folder (for removing those no batch names any more)."""
    for entry in upload_directory().iterdir():
        if entry.is_file() and _KEPT_NAME.match(entry.name):
            yield entry


def remove_upload(name: str) -> None:
    """Delete a kept upload (after commit or discard)."""
    if name:
        (upload_directory() / name).unlink(missing_ok=True)
