"""Final money amounts: rounded once, by the rounding parameters in force (rules spec §0.2)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.quantities import round_fraction


def round_money(ctx: Evaluation, value: Fraction) -> Decimal:
    """Round an exact amount to the places and mode in force (0.01 元, half up)."""
    places = ctx.integer("money.rounding_places")
    mode = ctx.code("money.rounding_mode")
    return round_fraction(value, places, mode)
