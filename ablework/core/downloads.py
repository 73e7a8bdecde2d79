"""A file written by a service, handed to the browser as a download."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.http import FileResponse


def file_download(
    write: Callable[[IO[bytes]], object], *, filename: str, content_type: str
) -> FileResponse:
    """Let `write` fill an unnamed temporary file (never visible on disk, deleted when the
    response closes it), then send it as an attachment named `filename`."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes (and so deletes) it
    write(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
