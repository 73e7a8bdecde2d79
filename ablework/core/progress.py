"""A plain-text progress bar for long commands (one line, rewritten in place on a terminal).

Called as `progress(done, total)`; used by `seed`, `import` and `export`.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, *, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()
        self._last_shown = -1.0
        self._last_filled = -1

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_shown < 0.5:
            return
        self._last_shown = now
        share = done / total if total else 1.0
        filled = int(share * self.width)
        rate = done / max(now - self.started, 1e-9)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{total:,} ({share:.0%}, {rate:,.0f}/s)"
        )
        end = "\n" if done >= total else ""
        if self.stream.isatty():
            self.stream.write("\r" + line + end)
        elif done >= total or (filled % 5 == 0 and filled != self._last_filled):
            self.stream.write(line + "\n")
        self._last_filled = filled
        self.stream.flush()
