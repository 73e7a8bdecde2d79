"""Uploaded files kept between the check and the commit: encrypted at rest in chunks (they hold
identifiers), in a private folder under var/, removed once the batch is done with."""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ablework.core.crypto import decrypt_bytes, encrypt_bytes

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
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def store_upload(chunks: Iterable[bytes]) -> StoredUpload:
    """Encrypt and keep an upload; returns its name, SHA-256 (of the clear bytes) and size."""
    name = uuid.uuid4().hex
    final = upload_directory() / name
    partial = final.with_suffix(".part")
    digest = hashlib.sha256()
    size = 0
    with partial.open("wb") as handle:
        os.chmod(partial, 0o600)
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
def opened_upload(name: str, *, suffix: str = "") -> Iterator[Path]:
    """The clear file, for the length of a pass, in a private temporary file removed after."""
    source = upload_directory() / name
    handle = tempfile.NamedTemporaryFile(dir=upload_directory(), suffix=suffix, delete=False)  # noqa: SIM115
    path = Path(handle.name)
    try:
        with handle, source.open("rb") as sealed_file:
            while header := sealed_file.read(_LENGTH_BYTES):
                sealed = sealed_file.read(int.from_bytes(header, "big"))
                handle.write(decrypt_bytes(sealed))
        yield path
    finally:
        path.unlink(missing_ok=True)


def remove_upload(name: str) -> None:
    """Delete a kept upload (after commit or discard)."""
    if name:
        (upload_directory() / name).unlink(missing_ok=True)
