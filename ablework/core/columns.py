"""Reading a query's result column-wise, without a Python object per cell: the SQL the ORM
compiled, run through the database's ADBC driver (`adbc-driver-sqlite`,
`adbc-driver-postgresql`), which hands back Arrow columns that Polars takes as they are.

The driver opens a connection of its own to the same database, so it is used only where that
connection sees what Django's sees: Django's connection in autocommit (no transaction of its
own under way, so nothing it wrote is uncommitted) and the database a file or a server, not an
in-memory SQLite database. Elsewhere — inside a transaction (every test that does not ask for
`transaction=True`), an in-memory database, another backend — `arrow_connection` says None and
the caller reads through Django's cursor as before (`core.bulk.read_frame`).

Only selections of plain columns take this path (integers, text, booleans and integer keys,
which no backend converter changes on the way out): what the ORM returns for them is what the
database holds, which is what the driver returns; `core.bulk.read_frame` checks it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.db.backends.base.base import BaseDatabaseWrapper

if TYPE_CHECKING:
    import polars as pl  # imported where a frame is read (not by every user of core.bulk)


def arrow_uri(connection: BaseDatabaseWrapper) -> str | None:
    """The URI the ADBC driver opens for Django's `connection`, or None where a second
    connection would not see what this one sees (see the module's note)."""
    if connection.in_atomic_block or not connection.get_autocommit():
        return None
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(settings["NAME"])
        if not name or name == ":memory:" or "mode=memory" in name or name.startswith("file:"):
            return None
        return name
    if connection.vendor == "postgresql":
        user = quote(str(settings.get("USER") or ""), safe="")
        password = quote(str(settings.get("PASSWORD") or ""), safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings.get("HOST") or "localhost"
        port = f":{settings['PORT']}" if settings.get("PORT") else ""
        return f"postgresql://{credentials}{host}{port}/{quote(str(settings['NAME']), safe='')}"
    return None


@contextmanager
def _opened(vendor: str, uri: str) -> Iterator[Any]:
    if vendor == "sqlite":
        import adbc_driver_sqlite.dbapi as driver
    else:
        import adbc_driver_postgresql.dbapi as driver  # type: ignore[no-redef]
    with driver.connect(uri) as opened:
        yield opened


def read_arrow(
    connection: BaseDatabaseWrapper,
    uri: str,
    sql: str,
    params: Sequence[Any],
    schema: Mapping[str, Any],
) -> pl.DataFrame:
    """Django-compiled `sql` (`%s` placeholders) with its `params`, run through the driver on
    `uri` (`arrow_uri`), as a frame of `schema` (names in the selection's order)."""
    import polars as pl

    if connection.vendor == "sqlite":
        marks: tuple[str, ...] = ("?",) * len(params)
    else:
        marks = tuple(f"${index}" for index in range(1, len(params) + 1))
    statement = sql % marks if params else sql.replace("%%", "%")
    with _opened(connection.vendor, uri) as opened, opened.cursor() as cursor:
        cursor.execute(statement, tuple(params) if params else None)
        table = cursor.fetch_arrow_table()
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    names = list(schema)
    if frame.width != len(names):
        raise ValueError(f"{len(names)} column names for {frame.width} columns")
    frame.columns = names
    return frame.cast(pl.Schema(schema), strict=True)
