"""The `ablework` command: a thin entry over Django's management commands.

`ablework demo`, `ablework seed`, `ablework rules calc` … are management commands. Run from a
checkout without configuration, the CLI uses the local profile (SQLite and keys under var/);
a deployment sets ABLEWORK_ENV=production with its keys and DATABASE_URL.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    # Before anything is written (the settings create var/ and its keys): files this process
    # creates are its account's only (core/private_files.py).
    from ablework.core.private_files import restrict_new_files

    restrict_new_files()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ablework.config.settings")
    if "ABLEWORK_ENV" not in os.environ and "ABLEWORK_SECRET_KEY" not in os.environ:
        os.environ["ABLEWORK_ENV"] = "demo"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ablework", *args])


if __name__ == "__main__":
    main()
