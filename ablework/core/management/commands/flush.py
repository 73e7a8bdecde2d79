"""Django's `flush`, which empties every table: in the test profile (where the test teardown
runs it) the audit table too; elsewhere the audit's triggers refuse, and nothing is emptied."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections

from ablework.core.append_only import audit_flush_permitted


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        if not settings.AUDIT_EMPTIED_BY_FLUSH:
            super().handle(**options)
            return
        with audit_flush_permitted(connections[options["database"]]):
            super().handle(**options)
