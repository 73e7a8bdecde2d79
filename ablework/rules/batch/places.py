"""Group jurisdictions by the parameter levels that can differ for them.

Two counties whose search chains contain no level with an override (in the tree or the reform)
get identical parameters, so parameters are evaluated once per group, not once per county.
"""

from __future__ import annotations

import polars as pl

from ablework.rules.engine.errors import RuleError
from ablework.rules.engine.parameters import ParameterTree, local_codes
from ablework.rules.engine.reforms import Reform
from ablework.rules.engine.regions import resolve_region


def place_table(
    jurisdictions: pl.Series, tree: ParameterTree, reform: Reform | None
) -> pl.DataFrame:
    """Rows (jurisdiction, region, place_key, representative, place_error, place_error_field)."""
    overriding = set(tree.regional) | local_codes()
    if reform is not None:
        overriding |= {code for override in reform.overrides for code in override.regions or ()}
    keys: dict[tuple[str, ...], int] = {}
    representatives: dict[int, str] = {}
    rows = []
    for jurisdiction in jurisdictions.unique().sort().to_list():
        try:
            region = resolve_region(str(jurisdiction))
        except RuleError as error:
            rows.append(
                {
                    "jurisdiction": jurisdiction,
                    "place_error": error.code,
                    "place_error_field": error.field,
                }
            )
            continue
        levels = tuple(code for code in region.chain if code in overriding)
        key = keys.setdefault(levels, len(keys))
        representatives.setdefault(key, region.code)
        rows.append({"jurisdiction": jurisdiction, "region": region.code, "place_key": key})
    for row in rows:
        if "place_key" in row:
            row["representative"] = representatives[row["place_key"]]
    schema = {
        "jurisdiction": pl.String,
        "region": pl.String,
        "place_key": pl.UInt32,
        "representative": pl.String,
        "place_error": pl.String,
        "place_error_field": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)
