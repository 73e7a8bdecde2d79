"""A worker process beside another command (`ablework demo` runs one beside its web server)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STOP_WAIT_SECONDS = 10


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """Start `ablework worker` as a child process; stop it (and wait for it) on leaving."""
    process = subprocess.Popen([sys.executable, "-m", "ablework.cli", "worker"])
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
