"""Keys kept under var/ for the demo and development (production passes them in the environment)."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from ablework.core.private_files import private_directory


def read_or_create_key(path: Path, *, kind: str) -> str:
    """Return the key stored at `path`, creating it (mode 0600) on first use."""
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    private_directory(path.parent)
    if kind == "aes256":
        value = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    else:
        value = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value
