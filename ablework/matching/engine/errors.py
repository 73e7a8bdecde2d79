"""The one error of the engine: the input does not follow the contract, with every place it is
wrong named by its path in the JSON (`persons[3].abilities.read_scren`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MatchingErrorCode(StrEnum):
    """The API envelope's codes for the matching contract."""

    UNREADABLE_INPUT = "unreadable_input"
    INVALID_MARKET = "invalid_market"
    UNKNOWN_RECORD = "unknown_record"


@dataclass(frozen=True)
class Problem:
    """One thing wrong at one place of the input."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}：{self.message}"


class InvalidMarket(ValueError):
    """The market JSON breaks the contract; `problems` lists each place (at most a screenful)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("；".join(str(problem) for problem in problems))


class UnknownRecord(LookupError):
    """`--explain-pair` names a person or posting the market does not hold."""

    def __init__(self, path: str, record_id: str) -> None:
        self.path = path
        self.record_id = record_id
        super().__init__(f"{path}：市场数据中没有编号为 {record_id} 的记录")
