"""Inserting many rows of a model at once: one prepared INSERT, executed for every row; and
reading or writing a whole Polars frame at once (`read_frame`, `insert_frame`).

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

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import QuerySet
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone

from ablework.core.columns import arrow_uri, read_arrow

if TYPE_CHECKING:
    import polars as pl  # imported where a frame is read (not by every user of insert_rows)

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
# Field types whose values a read hands back as the database holds them (`_plain_output`).
_PLAIN_OUTPUT = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "CharField",
        "TextField",
        "BooleanField",
    }
)


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


def read_frame(
    rows: QuerySet[Any], schema: Mapping[str, Any], *, raw: Collection[str] = ()
) -> pl.DataFrame:
    """A `values_list` query read into a Polars frame through one cursor: the SQL the ORM would
    run, fetched as tuples and turned into columns, without a model, dict or converter call per
    row. Each column's database converters (a decimal's on SQLite, a boolean's …) run once per
    distinct value; a Decimal becomes its text (`format(value, "f")`, as the ORM's value
    prints), so `schema` gives decimal columns as `pl.String`. Columns in `raw` keep what the
    driver returned (a JSON field's text, undecoded)."""
    import polars as pl

    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    selected = [s[0] for s in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(selected)
    connection = connections[rows.db]
    uri = arrow_uri(connection)  # the database's ADBC driver, where it sees what Django sees
    if uri is not None:
        if not converters and not raw and all(_plain_output(e) for e in selected):
            return read_arrow(connection, uri, sql, params, schema)
        typed = _typed_read(rows, selected, converters, raw, schema, uri)
        if typed is not None:
            return typed
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    names = list(schema)
    if len(names) != compiler.col_count:
        raise ValueError(f"{len(names)} column names for {compiler.col_count} columns")
    columns: list[Sequence[Any]] = list(zip(*fetched, strict=True)) or [()] * len(names)
    data: dict[str, Sequence[Any]] = {}
    for index, name in enumerate(names):
        values = columns[index]
        if index in converters and name not in raw:
            functions, expression = converters[index]
            mapping = {}
            for value in set(values):
                converted = value
                for function in functions:
                    converted = function(converted, expression, connection)
                mapping[value] = (
                    format(converted, "f") if isinstance(converted, Decimal) else converted
                )
            values = [mapping[value] for value in values]
        elif values and isinstance(next((v for v in values if v is not None), None), Decimal):
            values = [None if value is None else format(value, "f") for value in values]
        data[name] = values
    return pl.DataFrame(data, schema=dict(schema))


def _typed_read(
    rows: QuerySet[Any],
    selected: Sequence[Any],
    converters: Mapping[int, Any],
    raw: Collection[str],
    schema: Mapping[str, Any],
    uri: str,
) -> pl.DataFrame | None:
    """A selection of plain columns, decimals and `raw` JSON columns read through the ADBC
    driver, as the cursor reads it; None where the selection holds anything else (or a value
    the driver would not give exactly), for the cursor to read.

    The database hands over the decimals and JSON as types the driver keeps exactly: on
    PostgreSQL their text (`numeric::text` is the text of the Decimal psycopg gives, and
    `jsonb::text` the text Django's cursor gets); on SQLite, where a column's stored values may
    mix integers and reals and the driver takes a column's type from its first rows, a decimal
    as a real (the float the cursor gets, or an integer below 2^53 as one, which the decimal
    converter turns into the same Decimal) and JSON as text, both never null, with a flag
    column for null. Each decimal's converters then run once per distinct value, as in
    `read_frame`."""
    import polars as pl
    from django.db.models import BooleanField, ExpressionWrapper, F, FloatField, Q, TextField, Value
    from django.db.models.functions import Cast, Coalesce

    query = rows.query
    names = list(query.values_select)
    if query.annotation_select or query.extra_select or len(names) != len(selected):
        return None
    connection = connections[rows.db]
    sqlite = connection.vendor == "sqlite"
    columns: list[Any] = []
    typed: dict[str, str] = {}  # column name → "decimal" or "json"
    for index, (name, expression, column) in enumerate(zip(names, selected, schema, strict=True)):
        field = getattr(expression, "output_field", None)
        kind = field.get_internal_type() if field is not None else ""
        if kind == "DecimalField":
            typed[column] = "decimal"
        elif kind == "JSONField" and column in raw:
            typed[column] = "json"
        elif index in converters or column in raw or not _plain_output(expression):
            return None
        if column not in typed:
            columns.append(F(name))
        elif not sqlite:
            columns.append(Cast(F(name), TextField()))
        else:
            stored = FloatField() if typed[column] == "decimal" else TextField()
            empty = Value(0.0) if typed[column] == "decimal" else Value("")
            columns.append(Coalesce(Cast(F(name), stored), empty, output_field=stored))
            columns.append(
                ExpressionWrapper(Q(**{f"{name}__isnull": True}), output_field=BooleanField())
            )
    if not typed:
        return None
    read_schema: dict[str, Any] = {}
    for column, dtype in schema.items():
        kind = typed.get(column)
        if kind is None:
            read_schema[column] = dtype
        elif not sqlite:
            read_schema[column] = pl.String
        else:
            read_schema[column] = pl.Float64 if kind == "decimal" else pl.String
            read_schema[f"{column} is null"] = pl.Boolean
    sql, params = rows.values_list(*columns).query.sql_with_params()
    frame = read_arrow(connection, uri, sql, params, read_schema)
    if sqlite:
        for index, column in enumerate(schema):
            kind = typed.get(column)
            if kind is None:
                continue
            null = pl.col(f"{column} is null")
            if kind == "decimal":
                values = frame.filter(~null)[column].unique()
                largest = values.abs().max()
                if largest is not None and float(largest) >= 2**53:  # type: ignore[arg-type]
                    return None
                functions, expression = converters[index]
                texts = []
                for value in values.to_list():
                    for function in functions:
                        value = function(value, expression, connection)
                    texts.append(format(value, "f"))
                text = pl.col(column).replace_strict(
                    values, texts, default=None, return_dtype=pl.String
                )
                frame = frame.with_columns(pl.when(~null).then(text).alias(column))
            else:
                frame = frame.with_columns(pl.when(~null).then(pl.col(column)).alias(column))
        frame = frame.drop(f"{column} is null" for column in typed)
    return frame.cast(pl.Schema(schema), strict=True)


def _plain_output(expression: Any) -> bool:
    """Whether a selected column is an integer, text or boolean (or an integer key): a value
    the database hands back as the ORM does (`core.columns`)."""
    field = getattr(expression, "output_field", None)
    while field is not None and field.is_relation:
        field = getattr(field, "target_field", None)
    return field is not None and field.get_internal_type() in _PLAIN_OUTPUT


def insert_frame(
    model: type[models.Model], frame: pl.DataFrame, *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """INSERT a frame's rows into the model's table, its columns named by attribute (every
    concrete field but the automatic key, no auto_now field): values as the database stores
    them — integers, booleans, text, and the text of decimals and of JSON. On PostgreSQL one
    COPY of the frame written as CSV; elsewhere one prepared INSERT executed for every row
    (inside the caller's transaction, so SQLite writes them in one go)."""
    if frame.is_empty():
        return
    statement = _Statement(model, using)
    if statement.stamped:
        raise ValueError(f"{model._meta.label}: auto_now fields are not supported")
    order = [field.attname for field in statement.fields]
    if sorted(order) != sorted(frame.columns):
        raise ValueError(f"{model._meta.label}: the frame's columns are not {order}")
    frame = frame.select(order)
    connection = statement.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quote = connection.ops.quote_name
            copy_sql = "COPY {} ({}) FROM STDIN WITH (FORMAT csv)".format(
                quote(str(model._meta.db_table)),
                ", ".join(quote(str(field.column)) for field in statement.fields),
            )
            with cursor.cursor.copy(copy_sql) as copy:
                copy.write(frame.write_csv(include_header=False))
        else:
            cursor.executemany(statement.sql, cast(Any, frame.iter_rows()))
