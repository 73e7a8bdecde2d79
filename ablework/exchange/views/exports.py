"""The .xlsx (or CSV) download of a registry selection, for the registry's list page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse

from ablework.accounts.models import User
from ablework.core.downloads import file_download
from ablework.core.spreadsheets import XLSX_TYPE
from ablework.exchange.exporting import export_persons
from ablework.registry.models import Person

CONTENT_TYPES = {
    "xlsx": XLSX_TYPE,
    "csv": "text/csv; charset=utf-8",
}


def export_response(
    *, actor: User, persons: QuerySet[Person], filters: dict[str, Any], file_format: str = "xlsx"
) -> FileResponse:
    """The selection as a download in the import template's columns; masked unless the actor
    may reveal; logged before the file is written."""
    return file_download(
        lambda target: export_persons(
            actor=actor, persons=persons, filters=filters, file_format=file_format, target=target
        ),
        filename=f"persons.{file_format}",
        content_type=CONTENT_TYPES[file_format],
    )
