"""Choices as files write them: a model's choice labels in Chinese whatever language the page is
shown in (the national systems' files are in Chinese), and parsers accepting them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import translation

from ablework.exchange.cells import Parser, choice_parser

FILE_LANGUAGE = "zh-hans"


def chinese(label: object) -> str:
    """A choice's label as files write it."""
    with translation.override(FILE_LANGUAGE):
        return str(label)


def labels_of(choices: Sequence[tuple[Any, Any]]) -> tuple[str, ...]:
    """The Chinese labels of a model's choices, for instructions and drop-down lists."""
    return tuple(chinese(label) for _, label in choices)


def choice_of(labels: Mapping[str, Any], what: str, choices: Sequence[tuple[Any, Any]]) -> Parser:
    """A parser for one of `choices`, accepting every label in `labels`."""
    return choice_parser(labels, what=what, allowed="、".join(labels_of(choices)))
