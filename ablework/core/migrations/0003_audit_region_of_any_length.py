"""The audit's region column holds the finest region known (a township's 9 digits, a
community's 12), not only a county's 6."""

from django.db import migrations, models

SQLITE_TRIGGER = (
    "CREATE TRIGGER core_auditrecord_no_update BEFORE UPDATE ON core_auditrecord "
    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
)


def drop_sqlite_trigger(apps, schema_editor):
    # SQLite alters a column by rebuilding the table, which would drop the trigger silently.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_update;")


def add_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_regions_and_append_only_audit")]

    operations = [
        migrations.RunPython(drop_sqlite_trigger, add_sqlite_trigger),
        migrations.AlterField(
            model_name="auditrecord",
            name="county_code",
            field=models.CharField(blank=True, max_length=12, verbose_name="所属区划"),
        ),
        migrations.RunPython(add_sqlite_trigger, drop_sqlite_trigger),
    ]
