from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created
from django.utils.module_loading import autodiscover_modules

from ablework.core.append_only import give_sqlite_connection_the_flush_function
from ablework.core.private_files import make_private, make_sqlite_files_private, restrict_new_files


def _private_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """The SQLite database and its -wal/-shm, 0600 as soon as a connection opens them."""
    if connection.vendor == "sqlite":
        make_sqlite_files_private(connection.settings_dict["NAME"])


class CoreConfig(AppConfig):
    name = "ablework.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        # Every app's declared audit actions, so any stored code reads as its label.
        autodiscover_modules("audit_actions")
        # var/ holds the database, uploads and keys: this account's only, whichever entry
        # (the command line, the WSGI server) started the process (core/private_files.py).
        restrict_new_files()
        make_private(settings.VAR_DIR)
        connection_created.connect(_private_sqlite, dispatch_uid="ablework.core.private_sqlite")
        # The function the audit tables' DELETE triggers ask on SQLite (core/append_only.py).
        connection_created.connect(
            give_sqlite_connection_the_flush_function, dispatch_uid="ablework.core.audit_flush"
        )
