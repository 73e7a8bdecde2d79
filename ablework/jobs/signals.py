"""What the jobs platform tells the domains without importing them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by `ablework worker` as it starts, before it runs a job: domains tidy up after a worker
# that was killed (exchange deletes leftover import files and expired import contents).
worker_started = Signal()
