"""Communication notes may hold health data (精神分裂症，需家属陪同): store them encrypted like the
identifiers. Existing notes are encrypted in place, read and written with plain SQL (the field
now decrypts what it reads, which the clear notes are not)."""

from django.db import migrations

import ablework.core.models.fields
from ablework.core.crypto import decrypt_text, encrypt_text

CHUNK = 2000
SEALED_PREFIX = "v1:"  # core.crypto's format version


def _is_sealed(value):
    """Written by encrypt_text (its prefix): left alone, even under another data key, so that
    a run with the wrong key can never encrypt a value twice."""
    return value.startswith(SEALED_PREFIX)


def _rewrite(apps, schema_editor, convert):
    person_model = apps.get_model("registry", "Person")
    quote = schema_editor.connection.ops.quote_name
    table = quote(person_model._meta.db_table)
    read = (
        f"SELECT id, communication_notes FROM {table} "  # noqa: S608 — the model's own table
        "WHERE id > %s AND communication_notes <> '' ORDER BY id LIMIT %s"
    )
    write = f"UPDATE {table} SET communication_notes = %s WHERE id = %s"  # noqa: S608
    last = 0
    with schema_editor.connection.cursor() as cursor:
        while True:
            cursor.execute(read, [last, CHUNK])
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            changed = [(new, pk) for pk, old in rows if (new := convert(old)) != old]
            if changed:
                cursor.executemany(write, changed)


def encrypt_notes(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda old: old if _is_sealed(old) else encrypt_text(old))


def decrypt_notes(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda old: decrypt_text(old) if _is_sealed(old) else old)


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_mask_identifiers_to_region")]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="communication_notes",
            field=ablework.core.models.fields.EncryptedTextField(
                blank=True, max_length=200, verbose_name="沟通方面的其他需要"
            ),
        ),
        migrations.RunPython(encrypt_notes, decrypt_notes),
    ]
