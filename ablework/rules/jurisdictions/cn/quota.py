"""R and N × R: the required share and number of disabled employees (72号 Arts 6, 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction, round_fraction
from ablework.rules.engine.text import Text

RequiredFormula = Callable[[Evaluation, Fraction], tuple[Decimal, Fraction]]
required_headcount_family: FormulaFamily[RequiredFormula] = FormulaFamily(
    "levy.required_headcount", Text("应安排残疾人就业人数", "required disabled employees")
)


def required_headcount(ctx: Evaluation, headcount: Fraction) -> tuple[Decimal, Fraction]:
    """The ratio R in force and N × R, by the version in force on the rules date."""
    return required_headcount_family.at(ctx.on)(ctx, headcount)


@formula(required_headcount_family, since=date(2015, 10, 1))
def ratio_times_headcount(ctx: Evaluation, headcount: Fraction) -> tuple[Decimal, Fraction]:
    """N × R, kept exact unless the place rounds it ("可以不是整数", 72号 Art. 8)."""
    ratio = ctx.decimal("levy.quota_ratio")
    ctx.record(
        "ratio",
        Text("规定的安排比例 R", "required share R"),
        format(ratio, "f"),
        Text(f"R = {ratio}（{ctx.region.name}）", f"R = {ratio} ({ctx.region.name})"),
    )
    required = headcount * exact(ratio)
    places = ctx.value("levy.required_headcount_rounding_places")
    note = Text("", "")
    if places is not None:
        required = Fraction(round_fraction(required, int(places), "half_up"))
        note = Text(f"，保留 {places} 位小数（四舍五入）", f", rounded half up to {places} places")
    shown = format_exact_with_fraction(required)
    ctx.record(
        "required",
        Text("应安排残疾人就业人数 N × R", "required number N × R"),
        shown,
        Text(
            zh=f"N × R = {format_exact_with_fraction(headcount)} × {ratio}{note.zh} = {shown}",
            en=f"N × R = {format_exact_with_fraction(headcount)} × {ratio}{note.en} = {shown}",
        ),
    )
    return ratio, required
