"""The rows of a dashboard's trend and ranking tables, written in Python: a province's page has
some 600 of them, and building each through the template language cost most of the page's
time once its figures came from the rollup (docs/benchmarks.md, 指标看板（汇总表）). The markup
is the template's as it was (`_indicator.html` holds the tables around them)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure
from ablework.core.models import Region
from ablework.indicators.charts import shown
from ablework.indicators.periods import Period
from ablework.indicators.selectors.dashboard import Row


def trend_rows(measure: Measure, row: Row, labels: dict[str, str]) -> SafeString:
    """`<tr>` of each trend point: its period (截至今日, 本期) and its figure; `labels` keeps
    each period's name for the page's other indicators (the same points)."""
    if not row.trend:
        return format_html('<tr><td colspan="2">{}</td></tr>', _("期间尚未开始。"))
    partial, chosen = _("（截至今日）"), _("（本期）")
    unit = str(measure.unit)
    for point in row.trend:
        if point.period.code not in labels:
            labels[point.period.code] = point.period.label
    return format_html_join(
        "\n",
        '<tr{}><th scope="row">{}{}{}</th><td>{}</td></tr>',
        (
            (
                SafeString(' class="chosen"') if point.chosen else "",
                labels[point.period.code],
                partial if point.partial else "",
                chosen if point.chosen else "",
                shown(measure, point.value, unit),
            )
            for point in row.trend
        ),
    )


def ranking_rows(
    measure: Measure, row: Row, region: Region, period: Period, *, lists_below: bool
) -> SafeString:
    """`<tr>` of each child ranked: its place (并列), name linking to its dashboard, figure
    linking to the child's dashboard at the indicator (or, below a county, to its persons), and
    its own target's progress when the region has a target."""
    persons = reverse("indicators:indicator_persons", args=[measure.code])
    # Each phrase translated once for the table, not once a row.
    tied, first = _("并列第 %(n)s"), _("第 %(n)s")
    see, open_ = _("，查看%(place)s的人员"), _("，打开%(place)s的看板")
    no_target = _("未设目标")
    unit = str(measure.unit)
    rows = []
    for ranked in row.ranking:
        part = ranked.part
        figure = shown(measure, ranked.value, unit)
        if ranked.rank is None:
            place = "—"
        elif ranked.tied:
            place = tied % {"n": ranked.rank}
        else:
            place = first % {"n": ranked.rank}
        query = f"?region={part.code}&period={period.code}"
        value: str
        name = format_html('<a href="{}">{}</a>', query, part.name) if part.code else part.name
        if part.code and lists_below:
            hidden = see % {"place": part.name}
            value = format_html(
                '<a href="{}{}">{}<span class="visually-hidden">{}</span></a>',
                persons,
                query,
                figure,
                hidden,
            )
        elif part.code:
            hidden = open_ % {"place": part.name}
            value = format_html(
                '<a href="{}#{}">{}<span class="visually-hidden">{}</span></a>',
                query,
                measure.code,
                figure,
                hidden,
            )
        else:
            value = figure
        progress = ""
        if row.plan:
            words = ranked.progress.words if ranked.progress else no_target
            progress = format_html("<td>{}</td>", words)
        rows.append(
            format_html(
                '<tr><td>{}</td><th scope="row">{}</th><td>{}</td>{}</tr>',
                place,
                name,
                value,
                progress,
            )
        )
    return SafeString("\n".join(rows))
