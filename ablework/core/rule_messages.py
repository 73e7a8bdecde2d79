"""The rules engine's messages about a wrong identifier, in the current language: the same words
the rules API gives, for every form and import that checks one."""

from __future__ import annotations

from django.utils.translation import get_language

from ablework.rules.engine.text import parse_language
from ablework.rules.jurisdictions.cn.identifiers import Problem


def rule_messages(errors: list[Problem]) -> str:
    """The rules' messages, in the current language, as one message."""
    language = parse_language(get_language())
    return "；".join(problem.message.render(language) for problem in errors)
