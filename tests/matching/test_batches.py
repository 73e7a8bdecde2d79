"""Batch recommendations: the job stores what the engine gives on the same market (however the
persons are chunked), reports its progress, makes its suggestions the persons' current ones,
counts and names what it left out; one queued or running batch per region; a county's staff
can start or see no other county's batch; `ablework match-batch`."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from ablework.core.errors import Conflict, NotFound
from ablework.jobs.models import JobState
from ablework.matching.engine import match, read_market
from ablework.matching.models import (
    RecommendationEntry,
    RecommendationRun,
    RecommendationSkip,
    RecommendationSuggestion,
    RunStatus,
    SkipKind,
)
from ablework.matching.selectors.market import build_market, open_postings_for
from ablework.matching.selectors.recommendations import current_suggestions, job_seekers
from ablework.matching.services.batches import start_batch
from tests.matching.batches import ON, seed_batch_market

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(demo_data: dict[str, Any]) -> dict[str, Any]:
    return seed_batch_market(demo_data)


def _run(actor: Any, region: str = "370811") -> RecommendationRun:
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = start_batch(actor=actor, region_code=region, on=ON)
    run.refresh_from_db()
    return run


def _stored(run: RecommendationRun) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {
        str(entry.person_id): [] for entry in RecommendationEntry.objects.filter(run=run)
    }
    for row in RecommendationSuggestion.objects.filter(entry__run=run).order_by("entry", "rank"):
        found[str(row.entry.person_id)].append(
            {
                "posting": str(row.posting_id),
                "score": float(row.score),
                "explanation": row.explanation,
            }
        )
    return found


def _engine_on_the_same_market() -> dict[str, list[dict[str, Any]]]:
    built = build_market(job_seekers("370811"), open_postings_for("370811", ON), on=ON)
    return match(read_market(built.input), top=10)["matches"]


@pytest.mark.parametrize("chunk", [500, 2])
def test_the_stored_suggestions_are_what_the_engine_gives_on_the_same_market(
    market, demo_data, settings, chunk
):
    settings.MATCHING_BATCH_CHUNK = chunk
    run = _run(demo_data["rencheng_counsellor"])

    assert run.status == RunStatus.SUCCEEDED
    expected = _engine_on_the_same_market()
    assert _stored(run) == expected
    assert len(expected[str(market["ready"].pk)]) == 4
    assert expected[str(market["no_phone"].pk)] != []  # the 数据录入员 and 档案整理员 need no phone
    assert expected[str(market["dear"].pk)] == []


def test_the_job_reports_progress_and_the_run_its_counts(market, demo_data, settings):
    settings.MATCHING_BATCH_CHUNK = 2
    seekers = market["seekers"]
    run = _run(demo_data["rencheng_counsellor"])

    job = run.job
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert (job.done, job.total) == (len(seekers), len(seekers))
    assert job.result_url == f"/matching/batches/{run.pk}/"
    assert run.persons_considered == 5
    assert run.persons_with_suggestions == 3  # not the one asking 9,000 yuan nor the 20 hours
    assert run.persons_skipped == len(seekers) - 5
    assert (run.postings_considered, run.postings_skipped) == (4, 0)
    assert run.weights["skills"] == "0.30"
    assert run.weights_since is not None
    skipped = RecommendationSkip.objects.filter(run=run, kind=SkipKind.PERSON)
    assert skipped.count() == len(seekers) - 5
    assert "职业能力评估" in skipped.first().reason
    assert str(len(seekers) - 5) in run.message


def test_the_persons_left_with_few_suggestions_carry_the_constraints_that_broke_postings(
    market, demo_data
):
    run = _run(demo_data["rencheng_counsellor"])
    entries = {e.person_id: e for e in RecommendationEntry.objects.filter(run=run)}

    dear = entries[market["dear"].pk]
    assert dear.suggestions_count == 0
    assert dear.broken["2"] == 4
    assert dear.main_constraint == "2"
    no_phone = entries[market["no_phone"].pk]
    assert no_phone.suggestions_count == 2
    assert no_phone.main_constraint == "3"
    assert no_phone.broken["3"] == 2
    assert entries[market["ready"].pk].broken == {}  # four suggestions: not counted


def test_a_new_run_makes_its_suggestions_the_current_ones(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    first = _run(counsellor)
    second = _run(counsellor)

    ready = market["ready"].pk
    assert RecommendationEntry.objects.filter(person_id=ready, current=True).get().run == second
    current = current_suggestions(counsellor, [ready, market["dear"].pk])
    assert current[ready].run_id == second.pk
    assert [s.rank for s in current[ready].suggestions] == [1, 2, 3]
    assert current[ready].as_of == ON
    assert current[market["dear"].pk].suggestions == []
    assert not RecommendationEntry.objects.filter(run=first, current=True).exists()
    # another county's staff see none of them
    assert current_suggestions(demo_data["weishan_counsellor"], [ready]) == {}


def test_one_queued_or_running_batch_per_region(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    RecommendationRun.objects.create(
        region_code="370811", as_of=ON, top=10, status=RunStatus.RUNNING
    )
    with pytest.raises(Conflict, match="正在进行"):
        start_batch(actor=counsellor, region_code="370811", on=ON)
    # another region is not held up
    run = _run(demo_data["weishan_counsellor"], region="370826")
    assert run.status == RunStatus.SUCCEEDED


def test_a_run_whose_worker_stopped_does_not_hold_the_region(market, demo_data):
    counsellor = demo_data["rencheng_counsellor"]
    with TestCase.captureOnCommitCallbacks(execute=False):
        stuck = start_batch(actor=counsellor, region_code="370811", on=ON)
    stuck.job.state = JobState.FAILED
    stuck.job.save()

    run = _run(counsellor)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED
    assert run.status == RunStatus.SUCCEEDED


def test_a_county_cannot_run_another_county_nor_a_township_its_county(market, demo_data):
    with pytest.raises(NotFound):
        start_batch(actor=demo_data["weishan_counsellor"], region_code="370811", on=ON)
    with pytest.raises(NotFound):
        start_batch(actor=demo_data["rencheng_township"], region_code="370811", on=ON)
    with pytest.raises(NotFound):  # a city holds other counties
        start_batch(actor=demo_data["rencheng_admin"], region_code="3708", on=ON)
    assert not RecommendationRun.objects.exists()


def test_a_city_batch_matches_every_county_of_the_city(market, demo_data):
    run = _run(demo_data["jining_admin"], region="3708")
    assert run.region_code == "3708"
    assert run.status == RunStatus.SUCCEEDED
    assert run.persons_considered == 5
    assert run.persons_skipped == job_seekers("3708").count() - 5


def test_the_command_runs_a_batch_here_or_queues_it(market, demo_data):
    out = StringIO()
    call_command("match-batch", "--region", "370811", "--on", ON.isoformat(), stdout=out)
    run = RecommendationRun.objects.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.started_by is None
    assert "已为 5 名求职者计算推荐岗位" in out.getvalue()
    run.job.refresh_from_db()
    assert run.job.state == JobState.SUCCEEDED

    with TestCase.captureOnCommitCallbacks(execute=False):
        call_command(
            "match-batch", "--region", "370811", "--on", ON.isoformat(), "--queue", stdout=out
        )
    queued = RecommendationRun.objects.order_by("-pk").first()
    assert queued.status == RunStatus.QUEUED
    with pytest.raises(CommandError, match="正在进行"):
        call_command("match-batch", "--region", "370811", "--on", ON.isoformat())
    with pytest.raises(CommandError, match="市或县"):
        call_command("match-batch", "--region", "370811001")


def test_scores_are_stored_to_four_decimals(market, demo_data):
    run = _run(demo_data["rencheng_counsellor"])
    score = RecommendationSuggestion.objects.filter(entry__run=run).first().score
    assert score == score.quantize(Decimal("0.0001"))
    assert Decimal(0) < score <= 1
