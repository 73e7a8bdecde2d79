"""Verification codes: random, unguessable, short enough to type from paper.

16 symbols of Crockford's base 32 (digits and capitals without I, L, O, U, which are read as
other symbols) carry 80 random bits. With a million documents issued, a guesser testing a
thousand codes a second would need about 38 million years on average to hit any one of them.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4
# What people type for the symbols Crockford's alphabet leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh random code, 16 symbols, as stored (no separators)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code: str) -> str:
    """`K7Q2M9XD4TPAW3RH` → `K7Q2-M9XD-4TPA-W3RH`, as printed and put in URLs."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str | None:
    """The stored form of a typed code (case, spaces, hyphens and O/I/L forgiven); None when it
    cannot be a code at all."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code
