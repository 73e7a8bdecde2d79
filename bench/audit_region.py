"""Benchmark: the audit page's first page by region, with 1,000,000 audit rows (SQLite).

The audit's region column holds codes of any length (a county's 6 digits, a township's 9), so
a county's page can no longer be an exact match on the county code. This builds a table shaped
like `core_auditrecord` (its `(region_code, -at)` and `at` indexes) in a temporary SQLite file:
1,000,000 rows over 济宁市's 11 counties, half of them on one of 10 townships of their county.
It times the page's query (`ORDER BY at DESC, id DESC LIMIT 51`) under each filter shape. The
peer, in the same run, is the shape before townships: an exact match on the county code, which
finds only the county's own rows. Figures go to the `## Audit region` section of
docs/benchmarks.md.

    uv run python bench/audit_region.py
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

ROWS = 1_000_000
COUNTIES = [f"3708{n:02d}" for n in (11, 12, 26, 27, 28, 29, 30, 31, 32, 81, 83)]
PAGE = (
    "SELECT id, at, region_code, label FROM audit WHERE {where} ORDER BY at DESC, id DESC LIMIT 51"
)
SHAPES = [
    # (who, shape, WHERE clause, parameters)
    ("county (before townships)", "exact county code", "region_code = ?", ["370811"]),
    ("county", "LIKE '370811%'", "region_code LIKE ? ESCAPE '\\'", ["370811%"]),
    ("county", "range", "region_code >= ? AND region_code < ?", ["370811", "370812"]),
    ("township", "LIKE '370811001%'", "region_code LIKE ? ESCAPE '\\'", ["370811001%"]),
    ("township", "range", "region_code >= ? AND region_code < ?", ["370811001", "370811002"]),
    ("city", "LIKE '3708%'", "region_code LIKE ? ESCAPE '\\'", ["3708%"]),
]
CHOSEN = {("county", "LIKE '370811%'"), ("township", "range"), ("city", "LIKE '3708%'")}


def build(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, region_code VARCHAR(12), label TEXT)"
    )
    rng = random.Random(1)
    rows = []
    for number in range(1, ROWS + 1):
        county = rng.choice(COUNTIES)
        code = county if rng.random() < 0.5 else f"{county}{rng.randint(1, 10):03d}"
        at = f"2026-{1 + number * 10 // ROWS:02d}-01 00:00:{number:09d}"
        rows.append((number, at, code, "registry.person.view"))
    db.executemany("INSERT INTO audit VALUES (?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX audit_at ON audit(at)")
    db.execute("CREATE INDEX audit_region_at ON audit(region_code, at DESC)")
    db.commit()
    return db


def median_ms(db: sqlite3.Connection, where: str, parameters: list[str]) -> float:
    query = PAGE.format(where=where)
    times = []
    for _ in range(15):
        start = time.perf_counter()
        db.execute(query, parameters).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder) / "audit.sqlite3")
        peer = median_ms(db, SHAPES[0][2], SHAPES[0][3])
        lines = [
            f"### SQLite, {ROWS:,} audit rows, {date.today():%Y-%m-%d}",
            "",
            "| who | filter | first page (median) | ÷ exact county (peer) | used |",
            "|---|---|---|---|---|",
        ]
        for who, shape, where, parameters in SHAPES:
            took = median_ms(db, where, parameters)
            used = "yes" if (who, shape) in CHOSEN else ""
            lines.append(f"| {who} | {shape} | {took:.1f} ms | {took / peer:.1f}× | {used} |")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
