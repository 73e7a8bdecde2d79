"""How personal values look in lists and to people without the reveal permission."""

from __future__ import annotations


def mask_identifier(value: str, *, keep_start: int = 4, keep_end: int = 4) -> str:
    """`370811199001011234` → `3708**********1234`."""
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_phone(value: str) -> str:
    """`13812345678` → `138****5678`."""
    return mask_identifier(value, keep_start=3, keep_end=4)


def mask_address(value: str) -> str:
    """Keep the first six characters (usually province and city), hide the rest."""
    if not value:
        return ""
    return value[:6] + "…" if len(value) > 6 else "…"


def mask_name(value: str) -> str:
    """`张三丰` → `张**`; used in public or cross-region views only."""
    return value[:1] + "*" * (len(value) - 1) if value else ""
