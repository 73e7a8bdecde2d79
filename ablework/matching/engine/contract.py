"""The contract's answer for one request, the same for `ablework match` and
`POST /api/v1/matching/match`: the market JSON in; the matches, or one pair's explanation out."""

from __future__ import annotations

from typing import Any

from ablework.matching.engine.errors import InvalidMarket, Problem
from ablework.matching.engine.market import read_market
from ablework.matching.engine.ranking import DEFAULT_TOP, explain_pair, match

MOST_TOP = 1000


def answer(raw: object, top: int = DEFAULT_TOP, pair: tuple[str, str] | None = None) -> Any:
    """`{"matches": …}`, or with `pair` (person id, posting id) the `--explain-pair` object.
    Raises InvalidMarket (the input) or UnknownRecord (an id of `pair`)."""
    if not 1 <= top <= MOST_TOP:
        raise InvalidMarket([Problem("--top", f"应当是 1 到 {MOST_TOP} 之间的整数")])
    market = read_market(raw)
    if pair is not None:
        return explain_pair(market, pair[0], pair[1], top=top)
    return match(market, top=top)
