"""Benchmark: the home page of a city administrator over N seeded persons, cold and warm,
against its peer measured in the same run — the COUNT over the same scope that every home page
load ran before counts were cached.

Run:  uv run python bench/home_counts.py --persons 1000000   (seeding 1,000,000 takes minutes;
the database is kept under --var-dir and reused by later runs)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path


def median_ms(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--var-dir", type=Path, default=Path("var/bench-home"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(args.var_dir)}
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ablework.config.settings"
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ablework.accounts.models import User
    from ablework.demo.seeding import DEMO_PASSWORD, create_demo_accounts
    from ablework.registry.access import persons_visible_to
    from ablework.registry.models import Person

    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True)
    from ablework.employers.models import Employer

    if not Employer.objects.exists():
        subprocess.run(
            ["ablework", "seed", "--employers", "200", "--seed", "1"], env=env, check=True
        )
    have = Person.objects.count()
    if have < args.persons:
        subprocess.run(
            ["ablework", "seed", "--persons", str(args.persons - have), "--seed", "1"],
            env=env,
            check=True,
        )
    if not User.objects.filter(username="jining_admin").exists():
        create_demo_accounts(password=DEMO_PASSWORD)
    admin = User.objects.get(username="jining_admin")
    client = Client()
    client.force_login(admin)

    def cold() -> None:
        cache.clear()
        assert client.get("/").status_code == 200

    def warm() -> None:
        assert client.get("/").status_code == 200

    peer = median_ms(lambda: persons_visible_to(admin).count(), args.repeat)
    cold_ms = median_ms(cold, args.repeat)
    client.get("/")
    warm_ms = median_ms(warm, args.repeat)
    with CaptureQueriesContext(connection) as queries:
        warm()
    counts = [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    print(f"persons: {Person.objects.count():,}")
    print(f"peer, COUNT over the city's persons: {peer:.1f} ms")
    print(f"home page, cold (counts once):       {cold_ms:.1f} ms ({cold_ms / peer:.2f}x peer)")
    print(f"home page, warm (cached counts):     {warm_ms:.1f} ms ({warm_ms / peer:.3f}x peer)")
    print(f"warm load: {len(queries.captured_queries)} queries, {len(counts)} COUNT")


if __name__ == "__main__":
    main()
