"""Benchmark: `ablework seed --persons N` against a floor measured in the same run.

The floor inserts the same number of rows of the same width straight into a SQLite table with
`executemany` (no ORM, no encryption, no hashing). The ratio says what the ORM bulk path plus
encryption at rest costs. Run:  uv run python bench/seed_persons.py --persons 1000000
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_seed(persons: int, var_dir: Path) -> float:
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        ["ablework", "seed", "--persons", str(persons), "--seed", "1"], env=env, check=True
    )
    return time.perf_counter() - started


def run_floor(persons: int, path: Path) -> float:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    columns = [f"c{i} TEXT" for i in range(20)]
    connection.execute(f"CREATE TABLE person (id INTEGER PRIMARY KEY, {', '.join(columns)})")
    connection.execute("CREATE UNIQUE INDEX person_c0 ON person (c0)")
    connection.execute("CREATE INDEX person_c1 ON person (c1)")
    placeholders = ", ".join("?" * 20)
    started = time.perf_counter()
    batch: list[tuple[str, ...]] = []
    for index in range(persons):
        batch.append((f"{index:064d}", *(f"v{index % 97}" for _ in range(19))))
        if len(batch) == 5000:
            connection.executemany(f"INSERT INTO person VALUES (NULL, {placeholders})", batch)
            connection.commit()
            batch.clear()
    if batch:
        connection.executemany(f"INSERT INTO person VALUES (NULL, {placeholders})", batch)
        connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seed_seconds = run_seed(args.persons, Path(tmp) / "var")
        floor_seconds = run_floor(args.persons, Path(tmp) / "floor.sqlite3")
    print(f"persons: {args.persons:,}")
    print(f"ablework seed: {seed_seconds:.1f} s ({args.persons / seed_seconds:,.0f} rows/s)")
    print(f"floor (sqlite3 executemany, no ORM, no encryption): {floor_seconds:.1f} s")
    print(f"ratio seed / floor: {seed_seconds / floor_seconds:.1f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
