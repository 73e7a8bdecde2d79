"""The marker a typed change uses for a part it leaves as stored (`PersonChanges`,
`DraftChanges` …): every part is KEEP unless the caller gives it, and None can then mean
"clear it"."""

from __future__ import annotations

from enum import Enum
from typing import Final


class Keep(Enum):
    """Marks a field a change leaves as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP
