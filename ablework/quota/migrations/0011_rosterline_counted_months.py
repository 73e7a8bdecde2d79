"""Each roster line's counted months folded into one integer (quota/folding.py), filled for the
lines already stored from their months."""

from typing import Any

from django.db import migrations, models
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce


def fill(apps: Any, schema_editor: Any) -> None:
    """The fold of every stored line from its months, as `quota.folding.refold` computes it
    (bit m-1 a counted month, bit m+11 one counted at a weight above 1), in one UPDATE. The
    expression is written out here so that the migration keeps meaning what it meant."""
    roster_line = apps.get_model("quota", "RosterLine")
    line_month = apps.get_model("quota", "LineMonth")
    bit = Value(1).bitleftshift(F("month") - 1)
    folded = Sum(
        Case(
            When(counted=True, weight__gt=1, then=bit + bit.bitleftshift(12)),
            When(counted=True, then=bit),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    months = (
        line_month.objects.using(schema_editor.connection.alias)
        .filter(roster_line=OuterRef("pk"))
        .order_by()
        .values("roster_line")
        .annotate(folded=folded)
        .values("folded")
    )
    lines = roster_line.objects.using(schema_editor.connection.alias).filter(
        pk__in=line_month.objects.using(schema_editor.connection.alias)
        .filter(counted=True)
        .values("roster_line")
    )
    lines.update(counted_months=Coalesce(Subquery(months, output_field=IntegerField()), Value(0)))


class Migration(migrations.Migration):
    dependencies = [
        ("quota", "0010_declaration_oldest_queue"),
    ]

    operations = [
        migrations.AddField(
            model_name="rosterline",
            name="counted_months",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="计入月份"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
