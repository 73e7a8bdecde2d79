"""Check characters for synthetic identifiers (GB 11643 resident IDs, GB 32100 credit codes)."""

from __future__ import annotations

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def resident_id_with_check(first17: str) -> str:
    """Append the GB 11643 check character to the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return first17 + _ID_CHECK[total % 11]


def uscc_with_check(first16: str) -> str:
    """Complete a credit code from its first 16 characters: the GB 11714 check of the
    organisation code (9th character of it), then the GB 32100 check character."""
    org_body = first16[8:16]
    org_total = sum(_USCC_CHARS.index(c) * w for c, w in zip(org_body, _ORG_WEIGHTS, strict=True))
    org_check = 11 - org_total % 11
    org_char = {10: "X", 11: "0"}.get(org_check, str(org_check))
    first17 = first16 + org_char
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC_CHARS[(31 - total % 31) % 31]
