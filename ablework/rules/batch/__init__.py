"""The whole-population path: the levy and reward of every employer of a year in one Polars pass.

It computes exactly what the single-case path computes (a hypothesis property test compares them),
in exact integer arithmetic: headcounts as multiples of 1/120000, amounts as multiples of 0.0001 元,
ratios as integer fractions, and money rounded once, as the rounding parameters say.
"""

from ablework.rules.batch.levy import compute_levy_batch

__all__ = ["compute_levy_batch"]
