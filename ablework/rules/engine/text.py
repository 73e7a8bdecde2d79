"""Bilingual text: Chinese labels by default, English on request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["zh", "en"]


@dataclass(frozen=True)
class Text:
    """A label or message in Chinese and English."""

    zh: str
    en: str

    def render(self, language: Language) -> str:
        """The text in the requested language."""
        return self.en if language == "en" else self.zh


def parse_language(value: str | None) -> Language:
    """Map `zh`, `zh-hans`, `en`, `en-us` … to a supported language (Chinese by default)."""
    if value and value.lower().startswith("en"):
        return "en"
    return "zh"
