"""The check's results: each month and line, and the contract's check output."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ablework.employers.models import Employer
from ablework.quota.inputs import DeclarationInput, LineInput, month_text
from ablework.quota.problems import Problem, ProblemCode, ProblemKind


@dataclass
class MonthResult:
    month: int
    wage: Decimal
    insured: bool
    codes: list[ProblemCode] = field(default_factory=list)
    weight: int = 0
    # The grade in force in the month (a 残疾人证's from the registry's history; a veteran's as
    # declared), which decides its weight.
    grade: int | None = None

    @property
    def counted(self) -> bool:
        return self.weight > 0


@dataclass
class LineResult:
    entry: LineInput
    certificate_hash: str
    grade: int | None
    months: dict[int, MonthResult]
    has_error: bool = False


@dataclass
class CheckResult:
    """The contract's check output, and what a submission stores."""

    declaration: DeclarationInput
    employer: Employer
    problems: list[Problem]
    lines: list[LineResult]
    worksheet: dict[str, Any]

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (which blocks submission; exit 1)."""
        return any(problem.kind == ProblemKind.ERROR for problem in self.problems)

    def counted(self) -> list[dict[str, Any]]:
        """`[{"line", "month", "weight"}]` of every counted month."""
        year = self.declaration.levy_year
        return [
            {"line": line.entry.line, "month": month_text(year, m.month), "weight": m.weight}
            for line in self.lines
            for m in line.months.values()
            if m.counted
        ]

    def to_json(self) -> dict[str, Any]:
        """`{"problems", "counted", "worksheet"}`."""
        return {
            "problems": [problem.to_json() for problem in self.problems],
            "counted": self.counted(),
            "worksheet": self.worksheet,
        }
