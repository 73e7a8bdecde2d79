"""What the seeded benchmarks share: Django on a var dir or a PostgreSQL database, their
command-line options, and writing their figures into docs/benchmarks.md (one `## ` section per
benchmark, one `### Database, …` table per database inside it, the rest of the file and the
section's own prose kept as they are)."""

from __future__ import annotations

import argparse
import os
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


def write_database_table(section_title: str, body: str, block: str, database: str) -> None:
    """Replace this database's table inside `section_title` (`## …`), keeping everything else;
    a new section starts with `body`, wrapped."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    intro = f"{section_title}\n\n{textwrap.fill(body, width=96, break_on_hyphens=False)}\n\n"
    start = text.find(section_title)
    if start == -1:
        section, before, after = intro, text.rstrip() + "\n\n", ""
    else:
        end = text.find("\n## ", start + len(section_title))
        end = len(text) if end == -1 else end + 1
        section, before, after = text[start:end], text[:start], text[end:]
    heading = f"### {database},"
    if heading in section:
        head, _, rest = section.partition(heading)
        following = rest.find("\n### ")
        section = head + (rest[following + 1 :] if following != -1 else "")
    section = section.rstrip() + "\n\n" + block
    DOC.write_text(before + section + ("\n" + after if after else ""), encoding="utf-8")


def write_section(title: str, section: str) -> None:
    """Replace the `## ` section `title` of docs/benchmarks.md by `section` (which starts with
    the title), or add it at the end; the rest of the file is kept as it is."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")


def setup_django(var_dir: Path, database_url: str | None) -> None:
    """Django in this process, on the var dir (SQLite) or the PostgreSQL database given."""
    os.environ["ABLEWORK_ENV"] = "demo"
    os.environ["ABLEWORK_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "ablework.config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    """--keep, --database-url and --no-write, as every seeded benchmark takes them."""
    parser.add_argument(
        "--keep", type=Path, help="seed into (or reuse) this var dir (and PostgreSQL database)"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--no-write", action="store_true", help="print only")


def load() -> str:
    """The load average (1, 5, 15 minutes) while measuring: the machine is shared."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def timed_runs(
    work: Callable[[], Any], runs: int
) -> tuple[list[float], list[float], list[float], int]:
    """Each of `runs` runs' wall-clock, CPU (this process's: on SQLite the database's work
    included) and SQL (the queries' wall clock, as the cursor saw it) milliseconds, and the
    last run's query count. The caller warms up first."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, sql = [], [], []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as context:
            started, used = time.perf_counter(), time.process_time()
            work()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        sql.append(sum(float(query["time"]) for query in context.captured_queries) * 1000)
        queries = len(context.captured_queries)
    return times, cpu, sql, queries


def machine_note(when: str, loads: list[str]) -> str:
    """The line saying how loaded the shared machine was."""
    return (
        f"- Load average (1 / 5 / 15 min) {when}: {'; '.join(loads)} — {os.cpu_count()} cores "
        f"shared with other helpers' test runs; Python {sys.version.split()[0]}."
    )


def postgres_database(server_url: str, keep: Path | None) -> tuple[str, bool]:
    """A database of this run next to the one named in the URL (or the one a kept var dir
    remembers); whether to drop it at the end."""
    import psycopg

    remembered = keep / "database" if keep else None
    if remembered is not None and remembered.exists():
        name = remembered.read_text().strip()
    else:
        name = f"bench_{Path(sys.argv[0]).stem}_{os.getpid()}"
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        if remembered is not None:
            remembered.parent.mkdir(parents=True, exist_ok=True)
            remembered.write_text(name + "\n")
    return urlunparse(urlparse(server_url)._replace(path=f"/{name}")), remembered is None


def drop_postgres_database(server_url: str, database_url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlparse(database_url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
