"""Import kinds: what a domain registers so that its files get everything the engine gives —
upload, format sniffing, header search, per-cell problems, preview, valid-only or
all-or-nothing commit, rejected rows, idempotent re-import, interruption safety, progress and
the helper process. A kind is its column catalogue, a row checker, a planner, a writer, a
permission and a template; it is registered once, under a stable code that batches keep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise

from ablework.accounts.roles import Permission
from ablework.exchange.cells import CellProblem, CellValue
from ablework.exchange.columns import ColumnCatalog, HeaderMatch

if TYPE_CHECKING:
    from ablework.exchange.importing.context import ImportContext

Text = str | Promise


@dataclass
class CheckedRow:
    """A row after its own checks: parsed values by column key, problems as (column, message).
    A kind may subclass it to carry what its checks worked out (it crosses the helper's pipe,
    so it must pickle)."""

    number: int
    cells: list[CellValue]
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        """Record a problem; the row will not be written."""
        self.problems.append((column, message))

    @property
    def rejected(self) -> bool:
        """Whether any problem was found."""
        return bool(self.problems)


class PlannedRow(Protocol):
    """What a planner decided for one accepted row: `created` (True) or an update (False)."""

    created: bool


@dataclass
class ChunkPlan:
    """A chunk's plan: the rows that change something, how many change nothing, the rejected,
    and what the planning found that must be audited."""

    planned: list[Any] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[CheckedRow] = field(default_factory=list)
    # Audit entries (`core.audit.audit_entry`) the planning itself calls for, written whether
    # the pass checks or imports: lookups that found a record the importer may not see.
    audits: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: CheckedRow, planned: PlannedRow | None) -> None:
        """File a row as rejected (it has a problem), unchanged (nothing planned) or planned."""
        if row.rejected:
            self.rejected.append(row)
        elif planned is None:
            self.unchanged += 1
        else:
            self.planned.append(planned)


class RowChecker(Protocol):
    def check(
        self, cells: list[CellValue], number: int, reader_problems: list[tuple[int, str]]
    ) -> CheckedRow: ...


class Planner(Protocol):
    def plan(self, rows: list[CheckedRow]) -> ChunkPlan: ...


class CellChecker:
    """The cell-by-cell part every kind's checker shares: each recognised cell is parsed by its
    column (a problem the reader found in a cell wins); then `check_row` checks the row as a
    whole. Runs in the helper process: it must not use the database."""

    row_type: type[CheckedRow] = CheckedRow

    def __init__(self, header: HeaderMatch, ctx: ImportContext, catalog: ColumnCatalog) -> None:
        self.ctx = ctx
        self.header = header
        self.catalog = catalog
        self.columns = [
            (key, position, header.labels[position], catalog.by_key[key].parse)
            for key, position in header.positions.items()
        ]

    def label(self, key: str) -> str:
        """The column's header as the file writes it (the template's, if the file has none)."""
        if key in self.header.positions:
            return self.header.label_of(key)
        return self.catalog.by_key[key].header

    def check(
        self, cells: list[CellValue], number: int, reader_problems: list[tuple[int, str]]
    ) -> CheckedRow:
        """Parse and check every recognised cell of one row, then the row as a whole."""
        checked = self.row_type(number=number, cells=cells)
        troubled = dict(reversed(reader_problems)) if reader_problems else {}
        width = len(cells)
        for key, position, label, parse in self.columns:
            if position in troubled:
                checked.problem(label, troubled[position])
                continue
            try:
                value = parse(cells[position] if position < width else None)
            except CellProblem as cell_problem:
                checked.problem(label, cell_problem.message)
                continue
            if value is not None:
                checked.values[key] = value
        self.check_row(checked)
        return checked

    def check_row(self, checked: CheckedRow) -> None:
        """Checks of the row as a whole (none by default)."""


@dataclass(frozen=True)
class Template:
    """The downloadable template: file name, data sheet name, notes above the columns'
    instructions, and the link text pages show for it."""

    file_name: str
    sheet: str
    notes: Sequence[str]
    label: Text


@dataclass(frozen=True)
class Outcome:
    """How pages and the command line name what a commit does (`新增人员`, `人`)."""

    created: Text
    updated: Text
    will_create: Text
    will_update: Text
    unit: str


@dataclass(eq=False)
class ImportKind:
    """One kind of importable file. `checker` and `planner` are built once per pass from the
    file's header and the pass's context; `writer` writes a chunk's plan inside the pass's one
    transaction; `permission` guards the upload, the batches and the command line, and
    `rejected_permission` (by default the same) the rejected rows, which hold the file's cells.
    The upload page shows `upload_title`, then the `guide` template, then the columns."""

    code: str
    label: Text
    upload_title: Text
    link_label: Text  # the batch list's link to the upload page
    guide: str
    catalog: ColumnCatalog
    required: tuple[str, ...]
    checker: Callable[[HeaderMatch, ImportContext], RowChecker]
    planner: Callable[[HeaderMatch, ImportContext], Planner]
    writer: Callable[[ChunkPlan, ImportContext], None]
    permission: Permission
    template: Template
    outcome: Outcome
    # What the result page says once the file is imported.
    committed_note: Text = ""
    # Where to look at what was imported (a URL name), and the link's text.
    browse: tuple[str, Text] | None = None
    rejected_permission: Permission | None = None
    # Where the kind stands in the batch list's links (lowest first; the first is the page's
    # main "new import" link), so the order does not depend on which app Django loads first.
    position: int = 100

    @property
    def reveal_permission(self) -> Permission:
        """The permission the rejected-rows download needs."""
        return self.rejected_permission or self.permission


_KINDS: dict[str, ImportKind] = {}


class UnknownKind(LookupError):
    """No import kind is registered under this code."""


def register_kind(kind: ImportKind) -> ImportKind:
    """Make a kind importable under its code (once; a second kind may not take the code)."""
    existing = _KINDS.get(kind.code)
    if existing is not None and existing is not kind:
        raise ValueError(f"import kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def import_kind(code: str) -> ImportKind:
    """The kind registered under `code`; raises UnknownKind."""
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownKind(code) from None


def is_import_kind(code: str) -> bool:
    """Whether `code` names a registered import kind."""
    return code in _KINDS


def import_kinds() -> Iterator[ImportKind]:
    """Every registered kind, by position, then code."""
    return iter(sorted(_KINDS.values(), key=lambda kind: (kind.position, kind.code)))
