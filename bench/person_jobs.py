"""Benchmark "jobs for this person" (`/matching/persons/<id>/jobs/`, issue 13: under 300 ms of
server time against 10,000 open postings): the page with the posting side prepared once per
process and reused (`matching.selectors.prepared.prepared_postings`), against the same page
preparing it on every request and against building the whole market per request
(`build_market` + `read_market` + `match`, the contract path), all in the same run.

    uv run python bench/person_jobs.py [--postings 10000] [--runs 10] [--write-docs]

Seeds a few hundred persons over 济宁市 (`ablework seed`) into a temporary var dir (SQLite), adds
`--postings` open postings of 2022 over its counties in one bulk insert (Chinese titles and tasks
of fifteen trades, random demands and accommodations, workplaces spread over about 100 × 100
km, wages above the minimum wage of 2022, which is known for 济宁), records one 任城区 job
seeker's assessment and needs through the services, then times the page through Django's test
Client as the 任城区 counsellor (middleware, scope, audit row, selectors, template), after one
warm-up request.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.matching import SKILLS, TITLES  # noqa: E402
from bench.shared import load, setup_django, write_section  # noqa: E402
from bench.support_data import CITY, seed  # noqa: E402

SECTION = "## Jobs for this person (one page, 10,000 open postings)"
ON = date(2022, 6, 1)
TARGET_MS = 300.0
DEMANDS = ("read_print", "read_screen", "phone", "fine_hand", "stand_long", "lift_10kg", "speak")
OFFERS = ("screen_reader", "step_free", "flexible_hours", "seat", "text_chat", "remote_work")


def add_postings(count: int, rng: random.Random) -> None:
    from ablework.employers.models import Employer
    from ablework.matching.models import JobPosting

    employers = list(Employer.objects.filter(county_code__startswith=CITY[:4])[:50])
    rows = []
    for i in range(count):
        employer = employers[i % len(employers)]
        trade = i % len(TITLES)
        low = rng.randrange(2100, 3200, 50)
        demands = {
            d: rng.choice(("essential", "adjustable"))
            for d in rng.sample(DEMANDS, rng.randint(0, 3))
        }
        rows.append(
            JobPosting(
                employer=employer,
                title=TITLES[trade],
                occupation=TITLES[trade],
                tasks=f"{TITLES[trade]}：{SKILLS[trade]}，按要求完成日常工作。",
                kind="targeted",
                status="open",
                county_code=employer.county_code,
                township_code="",
                latitude=Decimal(f"{35.0 + rng.random() * 0.9:.6f}"),
                longitude=Decimal(f"{116.1 + rng.random() * 1.1:.6f}"),
                wage_min=Decimal(low),
                wage_max=Decimal(low + rng.randrange(0, 1500, 50)),
                hours_per_week=rng.choice((20, 30, 40, 40, 40, 44)),
                contract_type="fixed_term",
                openings=rng.randint(1, 5),
                valid_from=date(2022, 1, 1),
                valid_until=date(2022, 12, 31),
                offers=rng.sample(OFFERS, rng.randint(0, 3)),
                demands=demands,
            )
        )
    JobPosting.objects.bulk_create(rows, batch_size=2000)


def seeker() -> Any:
    from ablework.accounts.models import User
    from ablework.registry.models import Person
    from tests.matching.seekers import record_seeker

    counsellor = User.objects.get(username="rencheng_counsellor")
    person = Person.objects.filter(county_code="370811", merged_into=None).order_by("pk").first()
    record_seeker(
        counsellor,
        person,
        on=date(2022, 5, 1),
        abilities={"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
        commute_km=30,
    )
    return counsellor, person


def timed(work: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-person-jobs-") as folder:
        var_dir = Path(folder)
        seed(var_dir, 300, None)
        setup_django(var_dir, None)
        from django.test import Client

        from ablework.demo.seeding import DEMO_PASSWORD, create_demo_accounts
        from ablework.matching.engine import match, read_market
        from ablework.matching.selectors.market import build_market, open_postings_for
        from ablework.matching.selectors.prepared import clear_prepared

        create_demo_accounts(password=DEMO_PASSWORD)
        add_postings(args.postings, random.Random(13))
        counsellor, person = seeker()
        client = Client()
        client.force_login(counsellor)
        url = f"/matching/persons/{person.pk}/jobs/?on={ON.isoformat()}"

        def page() -> None:
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def page_preparing() -> None:
            clear_prepared()
            page()

        def whole_market() -> None:
            built = build_market([person], open_postings_for("370811", ON), on=ON)
            match(read_market(built.input))

        before = load()
        page()  # warm up: jieba's dictionary, the first preparation
        body = client.get(url).content.decode()
        shown = body.count('<li><article aria-labelledby="s-')
        cached = timed(page, args.runs)
        preparing = timed(page_preparing, max(3, args.runs // 3))
        whole = timed(whole_market, max(3, args.runs // 3))
        after = load()
    fast, slow, market = (statistics.median(t) for t in (cached, preparing, whole))
    print(f"page, prepared postings reused: median {fast:.0f} ms (min {min(cached):.0f})")
    print(f"page, postings prepared per request: median {slow:.0f} ms")
    print(f"whole market per request (build_market + read_market + match): {market:.0f} ms")
    print(f"ratio {slow / fast:.1f}× / {market / fast:.1f}×; {shown} suggestions shown")
    print(f"load {before} before, {after} after")
    if args.write_docs:
        write_section(SECTION, section(args, fast, cached, slow, market, shown, before, after))


def section(
    args: Any,
    fast: float,
    cached: list[float],
    slow: float,
    market: float,
    shown: int,
    before: str,
    after: str,
) -> str:
    verdict = "reached" if fast < TARGET_MS else "NOT reached"
    columns = (
        "run",
        "page, posting side reused",
        "page, posting side prepared per request",
        "whole market per request (`build_market` + `read_market` + `match`)",
        "ratio (prepared per request / reused)",
        "load (1/5/15 min)",
    )
    cells = (
        date.today().isoformat(),
        f"{fast:.0f} ms (min {min(cached):.0f}, {len(cached)} runs)",
        f"{slow:.0f} ms",
        f"{market:.0f} ms",
        f"{slow / fast:.1f}×",
        f"{before} before, {after} after",
    )
    table = "\n".join(
        "| " + " | ".join(row) + " |" for row in (columns, ("---",) * len(columns), cells)
    )
    return f"""{SECTION}

`uv run python bench/person_jobs.py --write-docs` — {args.postings:,} open postings of 2022 over
济宁市 (one bulk insert: fifteen trades' Chinese titles and tasks, random demands and
accommodations, workplaces over about 100 × 100 km), one 任城区 job seeker recorded through the
services, the page `/matching/persons/<id>/jobs/` through Django's test Client as the 任城区
counsellor (middleware, scope, the audit row, selectors, template), SQLite, medians after one
warm-up request, all in the same run.

{table}

- Target of issue 13: under {TARGET_MS:.0f} ms of server time against 10,000 open postings —
  {verdict}. The page showed {shown} suggestions with their explanations.
- **Reused**: the posting side (the open postings of the province read as rows, their entries,
  the engine's reader, arrays, jieba words and TF-IDF) is prepared once per process and kept
  (`matching/selectors/prepared.py`), keyed on the provinces, the day and a version of the
  postings read in one grouped query (per county: count, highest id, sum of versions and of
  hires, latest change, and the minimum wage on the day); the page then reads the person's
  latest assessment and needs and ranks that one person against the prepared arrays. The
  figure includes the version query, the person's audit row and the template.
- **Prepared per request**: the same page with the cache emptied before each request — what
  every request cost before. **Whole market per request**: the contract path for the one
  person (`build_market`, `read_market`, `match` with explanations), without the page.
- A cache miss (the first request of a process, or after any posting of the province changed)
  costs the "prepared per request" figure once; a web process keeps at most 4 prepared sides.
"""


if __name__ == "__main__":
    main()
