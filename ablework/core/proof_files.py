"""Proof files (scans and photos of paper proofs) kept privately: checked for their type, size and
content, stored through Django's default storage under a random name in a folder of the app's
choosing (MEDIA_ROOT, which no URL serves), and sent back only by a view that checked access
first, never cached.

Used by the quota's deeper check (contracts, wage slips) and by the employment-difficulty
applications (certificates, proofs of unemployment)."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import IO

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ablework.core.errors import Invalid

PROOF_MAX_BYTES = 10 * 1024 * 1024
"""The largest proof file (10 MiB). Why: a scanned contract or a year of wage slips as PDF fits;
larger files are photos to be reduced. A working setting of ours, not a legal figure."""

PROOF_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
"""The file types accepted as proof, by extension, with the content type they are served with.
Why: scans and photos of paper proofs; office documents can carry macros."""

_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def check_proof_file(
    name: str, size: int, head: bytes, *, max_bytes: int = PROOF_MAX_BYTES, field: str = "file"
) -> str:
    """The content type of an acceptable proof file, or Invalid (on `field`) saying plainly what
    is wrong."""
    suffix = PurePath(name).suffix.lower()
    content_type = PROOF_TYPES.get(suffix)
    if content_type is None:
        raise Invalid(
            _("只能上传 PDF、JPG 或 PNG 文件（扫描件或照片），“%(name)s”不是这几种文件。")
            % {"name": name},
            field=field,
        )
    if size > max_bytes:
        raise Invalid(
            _("文件太大：每个文件最多 %(limit)s，“%(name)s”有 %(size)s。请压缩或分开上传。")
            % {"limit": filesizeformat(max_bytes), "name": name, "size": filesizeformat(size)},
            field=field,
        )
    if size == 0:
        raise Invalid(_("“%(name)s”是空文件。") % {"name": name}, field=field)
    if not head.startswith(_SIGNATURES[content_type]):
        raise Invalid(
            _(
                "“%(name)s”的内容与文件类型不符（可能是改了扩展名），"
                "请上传原始的 PDF、JPG 或 PNG 文件。"
            )
            % {"name": name},
            field=field,
        )
    return content_type


def read_head(content: IO[bytes]) -> bytes:
    """The first bytes of an uploaded file (for `check_proof_file`), the file rewound."""
    head = content.read(16)
    content.seek(0)
    return head


def store_proof_file(folder: str, name: str, content: IO[bytes]) -> str:
    """Save a checked proof under `folder` with a random name; the stored name. The caller
    deletes it (`delete_proof_file`) if what records it is not saved."""
    suffix = PurePath(name).suffix.lower()
    return default_storage.save(f"{folder}/{uuid.uuid4().hex}{suffix}", File(content, name=name))


def delete_proof_file(stored_name: str) -> None:
    default_storage.delete(stored_name)


def original_name(name: str) -> str:
    """The file's own name as the user gave it (no folders), for the download."""
    return PurePath(name).name[:200]


def proof_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored proof as a download, never cached."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    return response
