"""Exporting a selection of the registry in the template's columns (so an export can be
corrected and imported again), as .xlsx or CSV; masked unless the actor may reveal; logged."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.utils import translation

from ablework.accounts.models import User
from ablework.core.masking import mask_birth_date, mask_free_text
from ablework.core.region_names import region_full_name, region_name
from ablework.core.spreadsheets import XlsxCell, csv_lines, open_xlsx, write_xlsx_sheet
from ablework.exchange.choices import FILE_LANGUAGE
from ablework.exchange.progress import Progress
from ablework.registry.imports.catalog import PERSON_COLUMNS, REGION_NAME_HEADERS, flag_key
from ablework.registry.models import (
    ENCRYPTED_FIELDS,
    CertificateEvent,
    CertificateEventKind,
    EmploymentPeriod,
    Person,
    PersonFlag,
)
from ablework.registry.services import start_person_export

EXPORT_FORMATS = ("xlsx", "csv")
CHUNK_ROWS = 2000
MASKED_COLUMNS = {
    "resident_id": "resident_id_masked",
    "certificate_number": "certificate_masked",
    "phone": "phone_masked",
    "address": "address_masked",
}
COMMUNICATION_NEEDS = (
    ("needs_sign_language", "手语"),
    ("needs_braille_or_large_print", "盲文或大字"),
    ("needs_easy_read", "易读材料"),
)


@dataclass(frozen=True)
class ExportResult:
    rows: int
    masked: bool


def export_persons(
    *,
    actor: User | None,
    persons: QuerySet[Person],
    filters: dict[str, Any],
    file_format: str,
    target: Path | IO[bytes],
    system_reveal: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the selection to `target`; logged (rows, masked or not, filters) before writing.

    A user sees full identifiers only with the reveal permission; the system (the command line
    without `--as`) only when asked to.
    """
    reveal, count = start_person_export(
        actor=actor,
        persons=persons,
        filters=filters,
        file_format=file_format,
        system_reveal=system_reveal,
    )
    columns = _columns(reveal=reveal)
    header = [column.header for column in columns]
    rows = _rows(_selection(persons, reveal=reveal), columns, total=count, progress=progress)
    with translation.override(FILE_LANGUAGE):  # labels as files write them, in any UI language
        if file_format == "xlsx":
            workbook = open_xlsx(target)
            widths = [column.width for column in columns]
            write_xlsx_sheet(workbook, name="残疾人信息", header=header, rows=rows, widths=widths)
            workbook.close()
        else:
            lines = csv_lines(header, ([_as_text(cell) for cell in row] for row in rows))
            _write_text(target, lines)
    return ExportResult(rows=count, masked=not reveal)


def _selection(persons: QuerySet[Person], *, reveal: bool) -> Iterator[Person]:
    open_periods = EmploymentPeriod.objects.filter(ended_on__isnull=True)
    open_flags = PersonFlag.objects.filter(ended_on__isnull=True)
    dated_issues = CertificateEvent.objects.filter(
        kind=CertificateEventKind.ISSUED, effective_on__isnull=False
    ).order_by("effective_on", "id")
    selection = (
        persons.defer(None)
        .order_by("pk")
        .prefetch_related(
            Prefetch("employment_periods", queryset=open_periods, to_attr="open_periods"),
            Prefetch("flags", queryset=open_flags, to_attr="open_flags"),
            Prefetch("certificate_events", queryset=dated_issues, to_attr="dated_issues"),
        )
    )
    if not reveal:
        # A masked export decrypts nothing: of the notes it needs only whether there are any.
        written = ExpressionWrapper(~Q(communication_notes=""), output_field=BooleanField())
        selection = selection.defer(*ENCRYPTED_FIELDS).annotate(has_notes=written)
    return selection.iterator(chunk_size=CHUNK_ROWS)


def _rows(
    persons: Iterable[Person],
    columns: list[ExportColumn],
    *,
    total: int,
    progress: Progress | None,
) -> Iterator[list[XlsxCell]]:
    getters = [column.getter for column in columns]
    for done, person in enumerate(persons, start=1):
        flags = {flag_key(flag.kind) for flag in person.open_flags}  # type: ignore[attr-defined]
        yield [getter(person, flags) for getter in getters]
        if progress is not None and (done % CHUNK_ROWS == 0 or done == total):
            progress(done, total)


# A column's cell from the person and the catalogue keys of the person's open flags.
Getter = Callable[[Person, set[str]], XlsxCell]


@dataclass(frozen=True)
class ExportColumn:
    header: str
    width: int
    getter: Getter


def _columns(*, reveal: bool) -> list[ExportColumn]:
    """The template's columns, each region code followed by the region's name."""
    columns: list[ExportColumn] = []
    for column in PERSON_COLUMNS:
        getter = _getter(column.key, reveal=reveal)
        columns.append(ExportColumn(column.header, column.width, getter))
        if column.key in REGION_NAME_HEADERS:
            header = REGION_NAME_HEADERS[column.key]
            columns.append(ExportColumn(header, 16, _region_name_getter(column.key)))
    return columns


def _region_name_getter(key: str) -> Getter:
    """The county's or township's own name; a household or residence from the county down."""
    code = attrgetter("township_code" if key == "township" else key)
    name = region_name if key in ("county_code", "township") else region_full_name
    return lambda person, flags: name(code(person))


def _getter(key: str, *, reveal: bool) -> Getter:
    """How to read one column's cell, decided once per export rather than per cell."""
    if key in MASKED_COLUMNS:
        read = attrgetter(key if reveal else MASKED_COLUMNS[key])
        return lambda person, flags: read(person) or ""
    if key.startswith("flag:"):
        return lambda person, flags: "是" if key in flags else "否"
    if key == "employer_name":
        return _employer_name
    if key == "township":
        return lambda person, flags: person.township_code
    if key == "certificate_issued_on":  # the history's first dated issue (blank: before records)
        return lambda person, flags: _or_blank(
            next((e.effective_on for e in person.dated_issues), None)  # type: ignore[attr-defined]
        )
    if key == "communication":
        return _communication if reveal else _communication_masked
    if key == "birth_date" and not reveal:
        return lambda person, flags: mask_birth_date(person.birth_date)
    read = attrgetter(key)
    display = getattr(Person, f"get_{key}_display", None)
    if display is None:
        return lambda person, flags: _or_blank(read(person))

    def displayed(person: Person, flags: set[str]) -> XlsxCell:
        value = read(person)
        return str(display(person)) if value not in (None, "") else _or_blank(value)

    return displayed


def _or_blank(value: Any) -> XlsxCell:
    return value if value is not None else ""


def _employer_name(person: Person, flags: set[str]) -> XlsxCell:
    periods = person.open_periods  # type: ignore[attr-defined]
    return periods[0].employer_name if periods else ""


def _communication(person: Person, flags: set[str]) -> XlsxCell:
    needs = [label for name, label in COMMUNICATION_NEEDS if getattr(person, name)]
    return "、".join([*needs, person.communication_notes] if person.communication_notes else needs)


def _communication_masked(person: Person, flags: set[str]) -> XlsxCell:
    needs = [label for name, label in COMMUNICATION_NEEDS if getattr(person, name)]
    written = person.has_notes  # type: ignore[attr-defined]
    return "、".join([*needs, mask_free_text("written")] if written else needs)


def _as_text(cell: XlsxCell) -> str:
    return "" if cell is None else cell.isoformat() if hasattr(cell, "isoformat") else str(cell)


def _write_text(target: Path | IO[bytes], lines: Iterable[str]) -> None:
    if isinstance(target, Path):
        with target.open("wb") as handle:
            _write_text(handle, lines)
        return
    for line in lines:
        target.write(line.encode("utf-8"))
