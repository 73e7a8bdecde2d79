"""Load the GB/T 2260 region tree, and make the audit table append-only in the database too."""

from django.db import migrations


def load_regions(apps, schema_editor):
    from ablework.core.regions import load_national_regions

    load_national_regions(apps.get_model("core", "Region"))


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Deletes stay possible on SQLite only because Django's test flush uses DELETE there.
        schema_editor.execute(
            "CREATE TRIGGER core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord "
            "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION core_auditrecord_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            "CREATE TRIGGER core_auditrecord_append_only BEFORE UPDATE OR DELETE "
            "ON core_auditrecord FOR EACH ROW EXECUTE FUNCTION core_auditrecord_append_only();"
        )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_update;")
    elif vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS core_auditrecord_append_only ON core_auditrecord;"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS core_auditrecord_append_only();")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(load_regions, migrations.RunPython.noop),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
