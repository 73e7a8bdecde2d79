"""The matching engine: pure Python (no Django), so `ablework match`, the API and the database
path of batch recommendations all call the same code on the contract's JSON
(`../shared/domain/matching-contract.md`).

    read_market(json) -> Market          # or InvalidMarket naming each problem's path
    match(market, top=10, weights=None)  # {"matches": {person: [{posting, score, explanation}]}}
    explain_pair(market, person, posting, top=10)
"""

from ablework.matching.engine.errors import InvalidMarket, UnknownRecord
from ablework.matching.engine.market import Market, read_market
from ablework.matching.engine.ranking import DEFAULT_TOP, explain_pair, match
from ablework.matching.engine.weights import Weights, weights_on

__all__ = [
    "DEFAULT_TOP",
    "InvalidMarket",
    "Market",
    "UnknownRecord",
    "Weights",
    "explain_pair",
    "match",
    "read_market",
    "weights_on",
]
