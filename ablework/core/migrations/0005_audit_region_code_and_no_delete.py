"""The audit's region column is named for what it holds (`region_code`: a county's 6 digits, a
township's 9, a community's 12), and the audit tables (records, and the persons a record
concerns) refuse a DELETE on SQLite too (and a TRUNCATE on PostgreSQL), except during the test
profile's flush (core/append_only.py).

SQLite may rebuild a table to alter it, which drops its triggers silently: they are dropped
first and created again after the change, as in 0003 (the DELETE trigger of
core_auditperson only for symmetry: that table is not altered here)."""

from django.db import migrations, models

SQLITE_NO_UPDATE = (
    "CREATE TRIGGER core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
)
TABLES = ("core_auditrecord", "core_auditperson")
# `ablework_audit_flush()` is given to Django's SQLite connections (core/append_only.py); any
# other connection lacks it, so its DELETE fails as well.
SQLITE_NO_DELETE = (
    "CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
    "WHEN NOT ablework_audit_flush() "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
)
POSTGRESQL_NO_TRUNCATE_FUNCTION = (
    "CREATE FUNCTION core_audit_no_truncate() RETURNS trigger AS $$ "
    "BEGIN "
    "IF current_setting('ablework.audit_flush', true) = 'on' THEN RETURN NULL; END IF; "
    "RAISE EXCEPTION 'audit records are append-only'; "
    "END; $$ LANGUAGE plpgsql;"
)
POSTGRESQL_NO_TRUNCATE = (
    "CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_audit_no_truncate();"
)


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_update;")
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")


def add_sqlite_update_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_NO_UPDATE)


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_NO_UPDATE)
        for table in TABLES:
            schema_editor.execute(SQLITE_NO_DELETE.format(table=table))
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_NO_TRUNCATE_FUNCTION)
        for table in TABLES:
            schema_editor.execute(POSTGRESQL_NO_TRUNCATE.format(table=table))


def drop_new_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        drop_sqlite_triggers(apps, schema_editor)
    elif vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS core_audit_no_truncate();")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_persons_of_exports")]

    operations = [
        # backwards, the last step: the UPDATE trigger as 0003 left it
        migrations.RunPython(drop_sqlite_triggers, add_sqlite_update_trigger),
        # the index names its column: dropped and made again (DROP/CREATE INDEX, no rebuild)
        migrations.RemoveIndex(model_name="auditrecord", name="audit_county_at"),
        migrations.RenameField(
            model_name="auditrecord", old_name="county_code", new_name="region_code"
        ),
        migrations.AddIndex(
            model_name="auditrecord",
            index=models.Index(fields=["region_code", "-at"], name="audit_region_at"),
        ),
        migrations.RunPython(add_triggers, drop_new_triggers),
    ]
