"""Static SVG charts for the printed report (WeasyPrint draws SVG): a trend as a line with a
marker and a value label at each point, a ranking as hatched bars with a value label each — so
no figure relies on colour, and each chart is printed with its data table beside it. A small
template of our own: two chart kinds, black and grey, no library needed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

FONT = "Noto Sans CJK SC, sans-serif"
WIDTH = 460
Value = int | float | Decimal | None


def _label(value: Value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{float(value):.1f}%"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def _svg(height: int, body: list[str], title: str, hatch: str = "") -> SafeString:
    defs = (
        f'<defs><pattern id="{hatch}" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/>'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#000" stroke-width="2"/></pattern></defs>'
        if hatch
        else ""
    )
    return mark_safe(  # noqa: S308 — every text inside is escaped here
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" font-family="{FONT}" font-size="9">'
        f"<title>{escape(title)}</title>" + defs + "".join(body) + "</svg>"
    )


def bar_chart(
    labels: Sequence[str], values: Sequence[Value], unit: str, title: str, *, key: str
) -> SafeString:
    """Horizontal bars, highest first as given, each labelled with its region and figure;
    `key` makes the hatching's id unique in the document."""
    hatch = f"hatch-{key}"
    row, left, right = 18, 110, 70
    height = max(1, len(labels)) * row + 12
    top = max((float(v) for v in values if v is not None), default=0.0) or 1.0
    span = WIDTH - left - right
    body = [f'<line x1="{left}" y1="4" x2="{left}" y2="{height - 6}" stroke="#000"/>']
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 6 + index * row
        length = 0.0 if value is None else float(value) / top * span
        body.append(
            f'<text x="{left - 4}" y="{y + 11}" text-anchor="end">{escape(label[:12])}</text>'
        )
        if length > 0:
            body.append(
                f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{row - 6}" '
                f'fill="url(#{hatch})" stroke="#000" stroke-width="0.6"/>'
            )
        body.append(
            f'<text x="{left + length + 4:.1f}" y="{y + 11}">{escape(_label(value, unit))}</text>'
        )
    return _svg(height, body, title, hatch)


def line_chart(labels: Sequence[str], values: Sequence[Value], unit: str, title: str) -> SafeString:
    """A line through the points begun, a square marker and the figure at each."""
    height, left, right, top_pad, bottom = 170, 16, 16, 22, 34
    count = max(1, len(labels))
    step = (WIDTH - left - right) / max(1, count - 1) if count > 1 else 0
    numbers = [float(v) for v in values if v is not None]
    high = max(numbers, default=0.0) or 1.0
    low = min(0.0, min(numbers, default=0.0))
    plot = height - top_pad - bottom

    def y_of(value: float) -> float:
        return top_pad + plot - (value - low) / (high - low or 1.0) * plot

    body = [
        f'<line x1="{left}" y1="{top_pad + plot}" x2="{WIDTH - right}" y2="{top_pad + plot}" '
        'stroke="#000"/>'
    ]
    points = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + index * step if count > 1 else WIDTH / 2
        body.append(
            f'<text x="{x:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
            f'font-size="7.5">{escape(short_label(label))}</text>'
        )
        if value is None:
            continue
        y = y_of(float(value))
        points.append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<rect x="{x - 2.5:.1f}" y="{y - 2.5:.1f}" width="5" height="5" fill="#000"/>'
            f'<text x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="7.5">'
            f"{escape(_label(value, unit))}</text>"
        )
    if len(points) > 1:
        body.insert(
            1,
            f'<polyline points="{" ".join(points)}" fill="none" stroke="#000" stroke-width="1.2"/>',
        )
    return _svg(height, body, title)


def short_label(label: str) -> str:
    """`2026年3月` → `3月`, `2026年第1季度` → `26Q1` (the table beside says it in full)."""
    if "季度" in label and "年第" in label:
        year, rest = label.split("年第", 1)
        return f"{year[-2:]}Q{rest[0]}"
    if "年" in label and label.endswith("月"):
        return label.split("年", 1)[1]
    return label[:8]
