"""The persons an audit record concerns besides its target (an export's rows), append-only on
both databases like the records themselves."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "core_auditperson"


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # As for core_auditrecord: DELETE stays possible on SQLite for Django's test flush.
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;"
        )
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE FUNCTION {TABLE}_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql;"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only();"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update;")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TABLE}_append_only();")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_region_of_any_length")]

    operations = [
        migrations.CreateModel(
            name="AuditPerson",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("person_id", models.BigIntegerField(verbose_name="残疾人")),
                (
                    "record",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.auditrecord",
                        verbose_name="审计记录",
                    ),
                ),
            ],
            options={
                "verbose_name": "审计记录涉及的人",
                "verbose_name_plural": "审计记录涉及的人",
                "indexes": [
                    models.Index(fields=["person_id", "record"], name="audit_person_record")
                ],
            },
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
