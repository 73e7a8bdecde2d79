"""Open data files for everyone (no sign-in): CSV and JSON downloads served the one way — the
organs' public notice (docs/public-notice.md) and the indicators' open data (docs/open-data.md).

CSV is UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), one header row of
the column codes, one row per record, empty for a value that is None. JSON is UTF-8, not ASCII-
escaped, indented. Both are attachments named in Chinese (with an ASCII fallback) and marked
`X-Robots-Tag: noindex` like the other public pages."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse


def public(response: HttpResponse) -> HttpResponse:
    """A public page or file: not indexed by search engines."""
    response["X-Robots-Tag"] = "noindex"
    return response


def download(content: bytes, *, content_type: str, name: str, fallback: str) -> HttpResponse:
    """An attachment named `name` (UTF-8), `fallback` for clients that read only ASCII names."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    return public(response)


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """The rows as CSV: a byte-order mark, the column codes, then each row's values in order."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(key) is None else row.get(key) for key in columns])
    return ("\ufeff" + out.getvalue()).encode()


def csv_download(
    columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *, name: str, fallback: str
) -> HttpResponse:
    return download(
        csv_bytes(columns, rows),
        content_type="text/csv; charset=utf-8",
        name=name,
        fallback=fallback,
    )


def json_download(data: Any, *, name: str, fallback: str) -> HttpResponse:
    return download(
        json.dumps(data, ensure_ascii=False, indent=2).encode(),
        content_type="application/json; charset=utf-8",
        name=name,
        fallback=fallback,
    )
