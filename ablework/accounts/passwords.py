"""Password rules beyond Django's own validators' wording."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's length rule, with a message our catalogue translates: Django 5.2 reworded its
    own and its Chinese catalogue no longer matches it, so users read it in English."""

    def get_error_message(self) -> str:
        return ngettext(
            "密码太短：至少需要 %(min_length)d 个字符。",
            "密码太短：至少需要 %(min_length)d 个字符。",
            self.min_length,
        ) % {"min_length": self.min_length}
