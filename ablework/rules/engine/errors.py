"""Errors an evaluation can raise; each names the input field or the parameter concerned."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from ablework.rules.engine.text import Language, Text


class RulesErrorCode(StrEnum):
    """The stable codes of the rules calculation's errors (rules-calc-contract)."""

    RULE_ERROR = "rule_error"
    INVALID_INPUT = "invalid_input"
    UNKNOWN_REGION = "unknown_region"
    MISSING_PARAMETER = "missing_parameter"
    NOT_IN_FORCE = "not_in_force"
    NOT_EVALUABLE = "not_evaluable"
    UNREADABLE_INPUT = "unreadable_input"


class RuleError(Exception):
    """An evaluation could not be completed; `code` is stable, the message names the field."""

    code = RulesErrorCode.RULE_ERROR

    def __init__(self, field: str, message: Text) -> None:
        super().__init__(f"{field}: {message.en}")
        self.field = field
        self.message = message

    def render(self, language: Language) -> str:
        """The message prefixed with the field it concerns."""
        return f"{self.field}: {self.message.render(language)}"


class InvalidInput(RuleError):
    """A situation's field is missing, malformed or outside its allowed values."""

    code = RulesErrorCode.INVALID_INPUT


class UnknownRegion(InvalidInput):
    """A region code is not a GB/T 2260 province, city or county code."""

    code = RulesErrorCode.UNKNOWN_REGION


class MissingParameter(RuleError):
    """No value of a parameter is in force for the place and date: never guessed."""

    code = RulesErrorCode.MISSING_PARAMETER

    def __init__(self, parameter: str, region: str, on: date, field: str | None = None) -> None:
        self.parameter = parameter
        self.region = region
        self.on = on
        super().__init__(
            field or parameter,
            Text(
                zh=f"参数 {parameter} 在地区 {region} 于 {on.isoformat()} 没有有效值"
                f"（未找到可靠来源，未予设定；可在情景中提供该值）",
                en=f"parameter {parameter} has no value in force for region {region} on "
                f"{on.isoformat()} (no reliable source was found, so none is set; supply it "
                f"in the situation)",
            ),
        )


class NotInForce(RuleError):
    """No version of a formula is in force on the date asked for."""

    code = RulesErrorCode.NOT_IN_FORCE


def require_non_negative(situation: object, names: Iterable[str], prefix: str = "") -> None:
    """`InvalidInput` naming the first of the attributes that is negative (None is allowed)."""
    for name in names:
        value = getattr(situation, name)
        if value is not None and value < 0:
            raise InvalidInput(prefix + name, Text("不能为负数", "must not be negative"))


class InvalidParameterFile(Exception):
    """A parameter YAML file breaks the format (raised while loading, never during evaluation)."""
