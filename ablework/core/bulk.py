"""Inserting many rows of a model at once: one prepared INSERT, executed for every row.

`bulk_create` compiles every value of every row through Django's SQL compiler, which for a
county's or province's registry costs more than the database's own work. Here each value is
prepared by its field's own `get_db_prep_save` (so encrypted fields, dates and JSON are stored
exactly as the ORM stores them), except None, and plain text, numbers and booleans in plain
fields (and integer foreign keys), and the database driver loops over the rows. Like
`bulk_create`, it sends no signals; unlike it, it does not set primary keys (read them back by a
unique column).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

# Fields whose stored value is the Python value itself when it already has the right type.
_PLAIN_FIELDS = frozenset(
    {
        models.CharField,
        models.IntegerField,
        models.SmallIntegerField,
        models.BigIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.BooleanField,
    }
)
_PLAIN_VALUES = frozenset({str, int, bool})
_ABSENT = object()
_INTEGER_KEYS = frozenset({models.AutoField, models.BigAutoField, models.SmallAutoField})
BATCH_ROWS = 5000


class _Statement:
    """The INSERT of one model's columns, and how to prepare each value for it."""

    def __init__(self, model: type[models.Model], using: str) -> None:
        meta = model._meta
        self.connection = connections[using]
        self.fields = [field for field in meta.concrete_fields if field is not meta.auto_field]
        if any(field.db_default is not NOT_PROVIDED for field in self.fields):
            raise ValueError(f"{meta.label}: fields with a database default are not supported")
        quote = self.connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 — names from the model
            quote(str(meta.db_table)),
            ", ".join(quote(str(field.column)) for field in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )
        # A foreign key to an integer key stores the integer itself.
        self.plain = [
            type(field) in _PLAIN_FIELDS
            or (field.is_relation and type(getattr(field, "target_field", None)) in _INTEGER_KEYS)
            for field in self.fields
        ]
        self.stamped = {
            field.attname
            for field in self.fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        }
        self.columns = [
            (field, field.attname, is_plain)
            for field, is_plain in zip(self.fields, self.plain, strict=True)
        ]
        # Constant defaults are taken once; callable ones (a fresh dict, the time) per row.
        self.defaults = {
            field.attname: field.get_default()
            for field in self.fields
            if not callable(field.default)
        }

    def prepare(self, values: Mapping[str, Any], now: dict[str, Any]) -> list[Any]:
        """One row's parameters from attribute values (absent ones take the field's default);
        `now` holds the prepared current time of each auto_now field."""
        row = []
        connection, defaults = self.connection, self.defaults
        for field, name, is_plain in self.columns:
            value = values.get(name, _ABSENT)
            if value is _ABSENT:
                value = defaults[name] if name in defaults else field.get_default()
            if value is None:
                value = now.get(name)
            elif not (is_plain and type(value) in _PLAIN_VALUES):
                value = field.get_db_prep_save(value, connection)
            row.append(value)
        return row

    def execute(self, rows: Sequence[Mapping[str, Any]]) -> None:
        moment = timezone.now()
        now = {
            field.attname: field.get_db_prep_save(moment, self.connection)
            for field in self.fields
            if field.attname in self.stamped
        }
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH_ROWS):
                batch = rows[start : start + BATCH_ROWS]
                cursor.executemany(self.sql, [self.prepare(values, now) for values in batch])


def insert_rows(
    model: type[models.Model], rows: Sequence[Mapping[str, Any]], *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """INSERT rows given as `{attribute name: value}` (e.g. `person_id`), without building
    model instances; absent fields take their default, auto_now fields the current time."""
    if rows:
        _Statement(model, using).execute(rows)


def insert_objects(objects: Sequence[models.Model], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """INSERT unsaved instances of one model (auto-increment keys left to the database)."""
    if objects:
        statement = _Statement(type(objects[0]), using)
        statement.execute([vars(instance) for instance in objects])
