"""Recompute the stored masked resident ID and certificate number: the region only, no digit of
the birth date or sequence (the old form kept the last four, which with the birth date shown
beside it gave the whole number)."""

from django.db import migrations

from ablework.core.masking import mask_certificate, mask_resident_id

CHUNK = 2000


def remask(apps, schema_editor):
    person_model = apps.get_model("registry", "Person")
    persons = person_model.objects.only("pk", "resident_id", "certificate_number").order_by("pk")
    batch = []
    for person in persons.iterator(chunk_size=CHUNK):
        person.resident_id_masked = mask_resident_id(person.resident_id or "")
        person.certificate_masked = mask_certificate(person.certificate_number or "")
        batch.append(person)
        if len(batch) == CHUNK:
            person_model.objects.bulk_update(batch, ["resident_id_masked", "certificate_masked"])
            batch = []
    person_model.objects.bulk_update(batch, ["resident_id_masked", "certificate_masked"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_person_version")]

    operations = [migrations.RunPython(remask, migrations.RunPython.noop)]
