"""What a dashboard's charts say: the figures each chart draws (read by our charts.js from a
`json_script` block) and the same in a sentence for screen readers. The page's tables hold the
same figures, so the charts add nothing a reader without them misses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure
from ablework.indicators.selectors.dashboard import Ranked, Row, TrendPoint


def shown(measure: Measure, value: int | Decimal | None, unit: str | None = None) -> str:
    """A figure as people read it: `1,234 人`, `57.3%`, or `—` when there is none (`unit`:
    the measure's, already translated, for a table of many)."""
    if value is None:
        return "—"
    if measure.is_rate:
        return f"{value:.1f}%"
    if measure.is_amount:  # money: a Decimal of 元, shown to the fen
        return f"{Decimal(value):,.2f} {unit or measure.unit}"
    return f"{int(value):,} {unit or measure.unit}"


def point_label(point: TrendPoint) -> str:
    label = point.period.label
    return _("%(label)s（截至今日）") % {"label": label} if point.partial else label


def trend_words(measure: Measure, points: list[TrendPoint]) -> str:
    """`2026年1月至11月：最高 5月 12 人，最低 …；最近 …。`"""
    valued = [point for point in points if point.value is not None]
    if not valued:
        return _("本期尚无数据。")
    highest = max(valued, key=lambda point: point.value or 0)
    lowest = min(valued, key=lambda point: point.value or 0)
    return _(
        "%(first)s至%(last)s：最高为%(high)s（%(high_value)s），最低为%(low)s（%(low_value)s），"
        "最近为%(last)s（%(last_value)s）。"
    ) % {
        "first": points[0].period.label,
        "last": valued[-1].period.label,
        "high": highest.period.label,
        "high_value": shown(measure, highest.value),
        "low": lowest.period.label,
        "low_value": shown(measure, lowest.value),
        "last_value": shown(measure, valued[-1].value),
    }


def ranking_words(measure: Measure, ranking: list[Ranked]) -> str:
    """`共 3 个地区；第一是任城区（12 人），最后是微山县（0 人）。`"""
    valued = [row for row in ranking if row.value is not None]
    if not valued:
        return _("下级地区尚无数据。")
    first, last = valued[0], valued[-1]
    return _(
        "共 %(n)s 个地区；第一是%(first)s（%(first_value)s），最后是%(last)s（%(last_value)s）。"
    ) % {
        "n": len(ranking),
        "first": first.part.name,
        "first_value": shown(measure, first.value),
        "last": last.part.name,
        "last_value": shown(measure, last.value),
    }


def _number(value: int | Decimal | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def chart_data(rows: list[Row]) -> dict[str, Any]:
    """Each indicator's two charts, by indicator code, for charts.js."""
    data: dict[str, Any] = {}
    for row in rows:
        measure = row.figure.measure
        unit = "%" if measure.is_rate else str(measure.unit)
        data[measure.code] = {
            "unit": unit,
            "trend": {
                "labels": [point_label(point) for point in row.trend],
                "values": [_number(point.value) for point in row.trend],
            },
            "ranking": {
                "labels": [ranked.part.name for ranked in row.ranking],
                "values": [_number(ranked.value) for ranked in row.ranking],
            },
        }
    return data
