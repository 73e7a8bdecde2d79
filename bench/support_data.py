"""The employment-services benchmark's data: 济宁市's seeded persons copied set-based up to the
size asked, placed in townships and flagged, about two records per person of the four services,
and the precomputation (`refresh_region`) the pages read. `bench/support_queue.py` measures."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.review_data import multiply

ROOT = Path(__file__).resolve().parent.parent
CITY = "370800"
CITY_PREFIX = "3708"  # what `ablework support refresh --region` takes for a city
COUNTY = "370811"
SEEDED = 20_000
TODAY = date(2026, 12, 1)
# Who recorded the services of each county (the rest: nobody named, as an import would leave).
RECORDERS = {"370811": "rencheng_counsellor", "370826": "weishan_counsellor"}


def seed(var_dir: Path, persons: int, database_url: str | None) -> None:
    """Migrate and seed in a child process (as an operator would), unless already seeded."""
    env = {**os.environ, "ABLEWORK_ENV": "demo", "ABLEWORK_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    var_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ablework", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    marker = var_dir / f"seeded-{persons}"
    if marker.exists():
        print(f"reusing the persons seeded into {database_url or var_dir}")
        return
    started = time.perf_counter()
    command = ["ablework", "seed", "--persons", str(persons), "--employers", "50", "--seed", "1"]
    subprocess.run([*command, "--region", CITY], env=env, check=True, cwd=ROOT)
    print(f"seeded {persons:,} persons in {time.perf_counter() - started:.0f} s", flush=True)
    marker.touch()


def copy_persons(total: int) -> float:
    """The seeded persons copied up to `total`, placed in townships and flagged (once)."""
    from django.db import connection, transaction

    from ablework.registry.models import PersonFlag
    from bench.registry_search import prepare_circumstances

    if PersonFlag.objects.filter(source="bench").exists():
        print("reusing the persons already in the database")
        return 0.0
    started = time.perf_counter()
    with transaction.atomic():
        multiply(
            "registry_person",
            total,
            {
                # the copy's number inside the hash, its end kept: copies of copies differ
                "resident_id_hash": "substr(resident_id_hash, 1, 52) || '{k:06d}' "
                "|| substr(resident_id_hash, 59, 6)",
                "certificate_hash": "substr(certificate_hash, 1, 52) || '{k:06d}' "
                "|| substr(certificate_hash, 59, 6)",
            },
        )
    print(f"  persons copied: {time.perf_counter() - started:.0f} s", flush=True)
    prepare_circumstances()  # 10 townships a county, the demo accounts
    now = date(2025, 9, 1)
    with transaction.atomic(), connection.cursor() as cursor:
        for kind, every in (
            ("college_student", 40),
            ("zero_employment_family", 90),
            ("employment_difficulty", 25),
        ):
            cursor.execute(
                "INSERT INTO registry_personflag (person_id, kind, started_on, source, "
                f"recorded_at) SELECT id, %s, %s, %s, %s FROM registry_person "
                f"WHERE id %% {every} = 7",
                [kind, now, "bench", now],
            )
    print(f"  townships and flags: {time.perf_counter() - started:.0f} s", flush=True)
    return time.perf_counter() - started


def _columns(model: Any) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column != "id"]


def store_records() -> tuple[float, int]:
    """About two records per person in 2026 over the four tables, set-based (once: kept when
    there); the seconds it took and how many."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ablework.accounts.models import User
    from ablework.core.crypto import encrypt_text
    from ablework.support.models import (
        Assessment,
        InformationCheck,
        NeedsRegistration,
        ServiceRecord,
    )

    tables = (InformationCheck, Assessment, NeedsRegistration, ServiceRecord)
    if InformationCheck.objects.exists():
        print("reusing the records already in the database")
        return 0.0, sum(model.objects.count() for model in tables)
    started = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    users = dict(User.objects.filter(username__in=RECORDERS.values()).values_list("username", "pk"))
    recorder = (
        "CASE p.county_code "
        + " ".join(f"WHEN '{county}' THEN {users[name]}" for county, name in RECORDERS.items())
        + " ELSE NULL END"
    )
    # One ciphertext for the notes, reused: each row decrypts to the same words.
    note = encrypt_text("本人在家，已当面核对（基准测试数据）")
    json = "CAST(%s AS jsonb)" if postgres else "%s"
    if postgres:
        day = "CAST(%s AS date) + CAST(p.id %% {span} AS integer)"
    else:
        day = "date(%s, '+' || (p.id %% {span}) || ' days')"
    now = timezone.now()
    common = {
        "created_at": ("%s", now),
        "updated_at": ("%s", now),
        "person_id": ("p.id", None),
        "recorded_by_id": (recorder, None),
        "given_by": ("''", None),
        "notes": ("CASE WHEN p.id %% 5 = 0 THEN %s ELSE '' END", note),
        "version": ("1", None),
    }
    kinds: list[tuple[Any, str, date, int, dict[str, tuple[str, Any]]]] = [
        (
            InformationCheck,
            "p.id %% 10 < 8",
            date(2026, 1, 5),
            200,
            {
                "channel": ("'phone'", None),
                "verified": (json, '["identity", "certificate", "employment", "wishes"]'),
                "wants_work": ("CASE WHEN p.id %% 3 = 0 THEN FALSE ELSE TRUE END", None),
                "changes": ("''", None),
            },
        ),
        (
            Assessment,
            "p.id %% 10 < 4",
            date(2026, 3, 1),
            200,
            {
                "abilities": (json, '{"lifting_heavy": "cannot", "standing_long": "can"}'),
                "hours_per_day": ("6.0", None),
                "needs": (json, '["step_free_access"]'),
                "pathway": ("'competitive'", None),
                "methods": (json, '["interview"]'),
                "summary": ("'可从事久坐类工作，每天约6小时'", None),
            },
        ),
        (
            NeedsRegistration,
            "p.id %% 10 < 4",
            date(2026, 3, 20),
            200,
            {
                "occupations": (json, '["4-02-01-01"]'),
                "skills": ("''", None),
                "hours_per_week": ("30", None),
                "places": ("''", None),
                "commute_km": ("10", None),
                "wage_floor": ("2000.00", None),
                "accepts_remote": ("FALSE", None),
                "needs": (json, "[]"),
                "training_wishes": ("''", None),
            },
        ),
        (
            ServiceRecord,
            "p.id %% 10 IN (1, 2, 3, 8)",
            date(2026, 4, 10),
            200,
            {
                "kind": ("CASE WHEN p.id %% 2 = 0 THEN 'guidance' ELSE 'referral' END", None),
                "channel": ("'on_site'", None),
                "result": ("CASE WHEN p.id %% 2 = 0 THEN 'given' ELSE 'not_hired' END", None),
                "outcome": ("''", None),
                "next_step": ("''", None),
                "next_due": ("NULL", None),
            },
        ),
    ]
    written = 0
    for model, where, first, span, own in kinds:
        values = {**common, "on": (day.format(span=span), first), **own}
        columns = _columns(model)
        missing = set(columns) - set(values)
        if missing:
            raise SystemExit(f"{model.__name__}: no value for {sorted(missing)}")
        params = [values[c][1] for c in columns if "%s" in values[c][0]]
        sql = (
            f"INSERT INTO {model._meta.db_table} "
            f"({', '.join(connection.ops.quote_name(c) for c in columns)}) "
            f"SELECT {', '.join(values[c][0] for c in columns)} FROM registry_person p "
            f"WHERE {where}"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            written += cursor.rowcount
        print(f"  {model.__name__}: {time.perf_counter() - started:.0f} s", flush=True)
    return time.perf_counter() - started, written


def precompute() -> tuple[float, int]:
    """The nightly refresh over the city (`ablework support refresh --region 3708`)."""
    from ablework.support.models import CycleCase
    from ablework.support.services.cases import refresh_region

    if CycleCase.objects.filter(refreshed_on=TODAY).exists():
        print("reusing the precomputed rows already in the database")
        return 0.0, CycleCase.objects.count()
    started = time.perf_counter()
    written = refresh_region(region_code=CITY_PREFIX, on=TODAY)
    return time.perf_counter() - started, written
