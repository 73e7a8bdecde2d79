"""The queue's precomputed state of each person's cycle ("who is due for what").

Every service that writes something the queue shows (a record of the 四个一, a plan, an
escalation) calls `refresh_cases` for the persons it touched, inside its own transaction, so
the queue and the completion figures change with the write.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date


def refresh_cases(*, person_ids: Collection[int], on: date | None = None) -> None:
    """Bring the precomputed cycle rows of these persons up to date as of `on` (today in
    China when None). Implemented with the queue (issue 12, the "who is due" rules)."""
    del person_ids, on
