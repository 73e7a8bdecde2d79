"""Receiving uploaded files: never in clear in a named file, and refused while still arriving
once they pass the size limit.

Django's own handlers keep an upload above FILE_UPLOAD_MAX_MEMORY_SIZE in a named file under
/tmp for the length of the request (a killed process leaves it there) and accept any size. This
handler, the only one in FILE_UPLOAD_HANDLERS, keeps each file in an anonymous file instead
(`anonymous_file`: memory, or a temporary file unlinked as it is created) and stops the upload
(StopUpload) as soon as the request's files pass UPLOAD_MAX_BYTES, or at once when the request
announces a larger body: nothing more of it is kept, the rest of the body is read and dropped,
and the view shows `upload_refused_message` on its form instead of the file. Other request
bodies are bounded by DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 400, or 413 in the API).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Room in the body for the form's other fields and the multipart boundaries.
BODY_MARGIN_BYTES = 64 * 1024
_REFUSED = "_ablework_upload_refused"


def anonymous_file(*, directory: Path | None = None) -> IO[bytes]:
    """A read-write binary file that has no name in any folder and is freed when closed or when
    the process ends, however it ends: a memfd (Linux), else a temporary file unlinked as it is
    created (in `directory`, by default the system's temporary folder)."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("ablework-upload", os.MFD_CLOEXEC), "w+b")
    return tempfile.TemporaryFile(dir=directory)


def upload_limit() -> int:
    """Setting UPLOAD_MAX_BYTES: the most a request's files may hold together."""
    return int(settings.UPLOAD_MAX_BYTES)


def upload_refused_message(request: HttpRequest) -> str | None:
    """What the form says when this request's upload was stopped for its size, else None."""
    if not getattr(request, _REFUSED, False):
        return None
    return _(
        "文件太大：网页上传的文件每次最多 %(limit)s，这个文件超过了上限，没有保存。"
        "请把文件分成几个分别上传，或请管理员用命令行导入。"
    ) % {"limit": filesizeformat(upload_limit())}


class LimitedUploadHandler(FileUploadHandler):
    """Keeps each uploaded file in an anonymous file and stops the upload at the size limit.
    (`file`, the one being received, is set only once there is one: Django closes it when the
    upload stops.)"""

    file: IO[bytes]

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.announced_too_large = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.announced_too_large = content_length > upload_limit() + BODY_MARGIN_BYTES

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.announced_too_large:
            self._refuse()
        self.file = anonymous_file()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > upload_limit():
            self._refuse()
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> UploadedFile:
        self.file.seek(0)
        return UploadedFile(
            file=self.file,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def _refuse(self) -> None:
        if self.request is not None:
            setattr(self.request, _REFUSED, True)
        raise StopUpload(connection_reset=False)
