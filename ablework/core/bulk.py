"""Inserting many rows of a model at once: one prepared INSERT, executed for every row.

`bulk_create` compiles every value of every row through Django's SQL compiler, which for a
county's or province's registry costs more than the database's own work. Here each value is
prepared as its field's own `get_db_prep_save` prepares it (so encrypted fields, dates and JSON
are stored exactly as the ORM stores them), taking the shortest equivalent path for the value
types met most: plain text, numbers and booleans in plain fields (and integer foreign keys) as
they are, a date through the backend's date adapter, a finite Decimal in a decimal field as it
is where the backend does not adapt decimals, a dict or list through its JSON adapter,
and a field that only overrides `get_prep_value` (the encrypted text field) through that. The
database driver loops over the rows. Like `bulk_create`, it sends no signals; unlike it, it does
not set primary keys (read them back by a unique column).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.operations import BaseDatabaseOperations
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
_ABSENT: Any = object()  # "not given" for values and shortcuts alike
_AS_IS = None  # a shortcut that stores the value itself
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
        plain = [
            type(field) in _PLAIN_FIELDS
            or (field.is_relation and type(getattr(field, "target_field", None)) in _INTEGER_KEYS)
            for field in self.fields
        ]
        self.stamped = {
            field.attname
            for field in self.fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        }
        # Constant defaults are taken once; callable ones (a fresh dict, the time) per row.
        defaults = {
            field.attname: field.get_default()
            for field in self.fields
            if not callable(field.default)
        }
        self.columns = [
            (
                field,
                field.attname,
                defaults.get(field.attname, _ABSENT),
                _shortcuts(field, is_plain, self.connection),
            )
            for field, is_plain in zip(self.fields, plain, strict=True)
        ]

    def prepare(self, values: Mapping[str, Any], now: dict[str, Any]) -> list[Any]:
        """One row's parameters from attribute values (absent ones take the field's default);
        `now` holds the prepared current time of each auto_now field."""
        row = []
        connection, get = self.connection, values.get
        for field, name, default, shortcuts in self.columns:
            value = get(name, _ABSENT)
            if value is _ABSENT:
                value = default if default is not _ABSENT else field.get_default()
            if value is None:
                value = now.get(name)
            else:
                shortcut = shortcuts.get(type(value), _ABSENT)
                if shortcut is _ABSENT:
                    value = field.get_db_prep_save(value, connection)
                elif shortcut is not _AS_IS:
                    value = shortcut(value)
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


def _shortcuts(
    field: models.Field[Any, Any], is_plain: bool, connection: Any
) -> dict[type, Callable[[Any], Any] | None]:
    """For each value type with a shortcut, what gives `field.get_db_prep_save(value)`'s result
    (None: the value itself); other types go through `get_db_prep_save`."""
    kind = type(field)
    if is_plain:
        return dict.fromkeys(_PLAIN_VALUES, _AS_IS)
    if kind is models.DateField:
        return {date: connection.ops.adapt_datefield_value}
    if (
        kind is models.DecimalField
        and type(connection.ops).adapt_decimalfield_value
        is BaseDatabaseOperations.adapt_decimalfield_value
    ):
        # `get_db_prep_save` of a finite Decimal is the Decimal itself where the backend does
        # not adapt it (to_python copies it; the base adapter returns it); a NaN or an
        # infinity takes the field's own path (and its error).
        def as_decimal(value: Decimal) -> Any:
            return value if value.is_finite() else field.get_db_prep_save(value, connection)

        return {Decimal: as_decimal}
    if kind is models.JSONField:
        encoder = field.encoder  # type: ignore[attr-defined]

        def as_json(value: Any) -> Any:
            return connection.ops.adapt_json_value(value, encoder)

        return {dict: as_json, list: as_json}
    if (
        kind.get_db_prep_save is models.Field.get_db_prep_save
        and kind.get_db_prep_value is models.Field.get_db_prep_value
    ):
        return {str: field.get_prep_value}
    return {}


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
