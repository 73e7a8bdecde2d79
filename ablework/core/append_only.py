"""The audit tables (`core_auditrecord`, `core_auditperson`) are append-only in the database
itself, on both databases (migrations `core/0002`, `0004`, `0005`): an UPDATE or DELETE of an
audit row is refused by a trigger, on PostgreSQL a TRUNCATE too. The one way rows leave is the
`flush` command (which empties every table) in the test profile, where Django's test teardown
runs it between transactional tests: only then is the permit below given, for that command's
connection and for its duration.

- SQLite: the DELETE trigger asks the function `ablework_audit_flush()`, which each of Django's
  SQLite connections is given here and which answers "no" except during the permitted flush.
  Another program opening the file has no such function, so its DELETE fails too.
- PostgreSQL: the TRUNCATE trigger reads the setting `ablework.audit_flush` (flush empties
  tables by TRUNCATE, which row triggers do not see); DELETE and UPDATE are refused always.

Neither stops the database's owner, who can drop a trigger; it stops the application, a
mistaken script and a raw statement through the application's own connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

SQLITE_FLUSH_FUNCTION = "ablework_audit_flush"
POSTGRESQL_FLUSH_SETTING = "ablework.audit_flush"
_PERMIT = "_ablework_audit_flush"


def give_sqlite_connection_the_flush_function(
    sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any
) -> None:
    """On `connection_created`: the function the audit's DELETE trigger asks (SQLite only)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FLUSH_FUNCTION, 0, lambda: int(getattr(connection, _PERMIT, False))
        )


@contextmanager
def audit_flush_permitted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let the audit rows be emptied on `connection` while the block runs (the flush only)."""
    connection.ensure_connection()
    setattr(connection, _PERMIT, True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET {POSTGRESQL_FLUSH_SETTING} = 'on'")
    try:
        yield
    finally:
        setattr(connection, _PERMIT, False)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"RESET {POSTGRESQL_FLUSH_SETTING}")
