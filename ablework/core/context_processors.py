"""Display preferences (text size, contrast) chosen by the user and kept in cookies."""

from __future__ import annotations

from django.http import HttpRequest

TEXT_SIZES = ("normal", "large", "larger")
CONTRASTS = ("normal", "high")
TEXT_SIZE_COOKIE = "ablework_text_size"
CONTRAST_COOKIE = "ablework_contrast"


def display_preferences(request: HttpRequest) -> dict[str, str]:
    size = request.COOKIES.get(TEXT_SIZE_COOKIE, "normal")
    contrast = request.COOKIES.get(CONTRAST_COOKIE, "normal")
    return {
        "text_size": size if size in TEXT_SIZES else "normal",
        "contrast": contrast if contrast in CONTRASTS else "normal",
    }
