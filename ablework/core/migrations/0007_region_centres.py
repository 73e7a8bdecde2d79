"""Give provinces, cities and counties their centre (latitude, longitude) from the `cpca`
package's adcodes file (core/region_centres.py), for distances where a record has none."""

from django.db import migrations, models


def fill_centres(apps, schema_editor):
    from ablework.core.region_centres import fill_region_centres

    fill_region_centres(apps.get_model("core", "Region"))


class Migration(migrations.Migration):
    dependencies = [("core", "0006_notification")]

    operations = [
        migrations.AddField(
            model_name="region",
            name="latitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="中心纬度"
            ),
        ),
        migrations.AddField(
            model_name="region",
            name="longitude",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=9, null=True, verbose_name="中心经度"
            ),
        ),
        migrations.RunPython(fill_centres, migrations.RunPython.noop),
    ]
