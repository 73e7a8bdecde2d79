"""Exact arithmetic: headcounts as fractions, money as `Decimal` rounded only where a rule says.

Intermediate values (annual average headcount, counted persons, shortfall) are exact fractions, as
财税〔2015〕72号 Art. 8 says the shortfall "以公式计算结果为准，可以不是整数"; money becomes a
`Decimal` when a rounding parameter is applied.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

DISPLAY_PLACES = 6


def exact(value: Decimal | int | Fraction) -> Fraction:
    """The exact fraction of a decimal or integer."""
    return Fraction(value)


def round_fraction(value: Fraction, places: int, mode: str) -> Decimal:
    """Round an exact value to `places` decimal places with a named rounding mode."""
    scale = 10**places
    scaled = value * scale
    if mode == "half_up":
        integer = _half_up(scaled)
    elif mode == "floor":
        integer = scaled.numerator // scaled.denominator
    elif mode == "down":
        integer = int(scaled)
    elif mode == "half_even":
        integer = round(scaled)
    else:
        raise ValueError(f"unknown rounding mode {mode!r}")
    return Decimal(integer).scaleb(-places)


def _half_up(value: Fraction) -> int:
    """Round half away from zero (ROUND_HALF_UP as in `decimal`)."""
    magnitude = abs(value)
    rounded = (magnitude.numerator * 2 + magnitude.denominator) // (magnitude.denominator * 2)
    return rounded if value >= 0 else -rounded


def is_terminating(value: Fraction) -> bool:
    """Whether the fraction has a finite decimal expansion."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def format_quantity(value: Fraction | Decimal | int) -> str:
    """A decimal string: exact when it terminates, else shown to six places (math stays exact)."""
    fraction = Fraction(value)
    if is_terminating(fraction):
        places = 0
        while (fraction * 10**places).denominator != 1:
            places += 1
        return _plain(Decimal(fraction.numerator) / Decimal(fraction.denominator), places)
    return _plain(round_fraction(fraction, DISPLAY_PLACES, "half_up"), DISPLAY_PLACES)


def format_money(value: Decimal) -> str:
    """Money as a plain decimal string with two places (yuan and fen)."""
    return _plain(value, 2)


def format_exact_with_fraction(value: Fraction) -> str:
    """A value for a trace formula: the decimal, plus the fraction when it does not terminate."""
    if is_terminating(value):
        return format_quantity(value)
    return f"{format_quantity(value)}… (= {value.numerator}/{value.denominator})"


def _plain(value: Decimal, places: int) -> str:
    """Fixed-point string without exponent."""
    quantum = Decimal(1).scaleb(-places)
    return format(value.quantize(quantum, rounding=ROUND_HALF_UP), "f")
