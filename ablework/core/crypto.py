"""Personal data at rest: AES-256-GCM encryption and keyed-hash (HMAC) lookup columns.

The data key comes from settings.DATA_KEY (the environment in production). Two sub-keys are
derived from it with HKDF so the encryption key and the lookup key are never the same.
"""

from __future__ import annotations

import base64
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_PREFIX = "v1:"


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


@lru_cache(maxsize=4)
def _keys(data_key: str) -> tuple[AESGCM, bytes]:
    master = base64.b64decode(data_key)
    if len(master) != 32:
        raise ValueError("ABLEWORK_DATA_KEY must be 32 bytes, base64-encoded.")
    return AESGCM(_derive(master, b"ablework-encrypt")), _derive(master, b"ablework-lookup")


def encrypt_text(plain: str) -> str:
    """Encrypt a text value; a fresh nonce each time, so equal values look different."""
    cipher, _ = _keys(settings.DATA_KEY)
    nonce = os.urandom(12)
    sealed = cipher.encrypt(nonce, plain.encode("utf-8"), None)
    return _PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt_text(token: str) -> str:
    """Decrypt a value written by encrypt_text."""
    if not token.startswith(_PREFIX):
        raise ValueError("Not an Ablework-encrypted value.")
    cipher, _ = _keys(settings.DATA_KEY)
    raw = base64.b64decode(token[len(_PREFIX) :])
    return cipher.decrypt(raw[:12], raw[12:], None).decode("utf-8")


def encrypt_bytes(plain: bytes) -> bytes:
    """Encrypt binary data (a stored upload's chunk): nonce + sealed bytes."""
    cipher, _ = _keys(settings.DATA_KEY)
    nonce = os.urandom(12)
    return nonce + cipher.encrypt(nonce, plain, None)


def decrypt_bytes(sealed: bytes) -> bytes:
    """Decrypt data written by encrypt_bytes; raises if it was altered."""
    cipher, _ = _keys(settings.DATA_KEY)
    return cipher.decrypt(sealed[:12], sealed[12:], None)


# Full-width digits and letters (as typed with a Chinese input method) to half-width.
_HALF_WIDTH = {
    ord(c): ord(c) - 0xFEE0
    for c in "０１２３４５６７８９ＸｘＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＹ"
}


def normalize_identifier(value: str) -> str:
    """Canonical form of an ID or certificate number: half-width, upper case, no spaces."""
    return value.translate(_HALF_WIDTH).replace(" ", "").replace("\u3000", "").upper()


def lookup_hash(value: str) -> str:
    """Keyed hash of a normalized identifier, for exact search and de-duplication."""
    _, key = _keys(settings.DATA_KEY)
    return hmac.digest(key, normalize_identifier(value).encode("utf-8"), "sha256").hex()


@lru_cache(maxsize=8)
def _signing_key(data_key: str, purpose: str) -> bytes:
    return _derive(base64.b64decode(data_key), b"ablework-sign:" + purpose.encode("ascii"))


def sign(purpose: str, message: bytes) -> str:
    """HMAC-SHA256 of `message` (hex) under a key derived from the data key for this purpose
    only (a file manifest, …): whoever holds the deployment's key can check it, nobody else
    can forge it, and it is never the encryption or the lookup key."""
    return hmac.digest(_signing_key(settings.DATA_KEY, purpose), message, "sha256").hex()


def signature_valid(purpose: str, message: bytes, signature: str) -> bool:
    """Whether `signature` is `sign(purpose, message)` (compared in constant time)."""
    return hmac.compare_digest(sign(purpose, message), signature)
