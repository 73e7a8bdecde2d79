"""Reading the register of issued documents."""

from __future__ import annotations

from ablework.printing.codes import normalise
from ablework.printing.models import IssuedDocument


def find_document(*, typed_code: str) -> IssuedDocument | None:
    """The document a typed or scanned verification code belongs to; None when there is none."""
    code = normalise(typed_code)
    if code is None:
        return None
    return IssuedDocument.objects.filter(code=code).first()
