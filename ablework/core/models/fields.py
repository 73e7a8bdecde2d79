"""Model fields for personal data."""

from __future__ import annotations

from typing import Any

from django.db import models

from ablework.core.crypto import decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """A text value stored encrypted (AES-256-GCM); Python code sees clear text.

    Never filter on it: use the HMAC lookup column beside it. Lists should defer it and show the
    masked column instead, so a page of results decrypts nothing.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))
