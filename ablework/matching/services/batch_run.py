"""The work of a batch (`run_batch`, the job's `run_batch_job`): the region's open postings are
read once into the engine (their arrays, words and IDF); the job seekers are then built into
the contract's input and ranked chunk by chunk of persons (`MATCHING_BATCH_CHUNK`), each chunk
stored in its own transaction and counted as progress. Since the TF-IDF is the postings', the
chunking does not change any result: the stored suggestions are what `match` gives for one
market of all the persons.

When every chunk is stored, one transaction makes the run's suggestions the persons' current
ones (the previous run's stop being current) and records the counts. A failed run leaves the
current suggestions as they were."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.audit import record_audit
from ablework.core.models import AuditKind
from ablework.jobs.progress import job_progress
from ablework.jobs.running import JobFailed
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.engine import InvalidMarket, read_market
from ablework.matching.engine.exclusions import ExclusionCounter, main_constraint
from ablework.matching.engine.ranking import Engine
from ablework.matching.engine.scoring import SCALE
from ablework.matching.models import (
    RecommendationEntry,
    RecommendationRun,
    RecommendationSkip,
    RecommendationSuggestion,
    RunStatus,
    SkipKind,
)
from ablework.matching.selectors.market import build_market, open_postings_for
from ablework.matching.selectors.recommendations import job_seekers
from ablework.registry.models import Person

# Fewer suggestions than this: the fairness report's line (3–5 opportunities per graduate,
# issue 13), and the persons whose broken constraints are counted.
ENOUGH = 3


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _read(payload: dict[str, Any]) -> Any:
    try:
        return read_market(payload)
    except InvalidMarket as error:
        problems = "；".join(f"{p.path}：{p.message}" for p in error.problems[:5])
        raise JobFailed(
            _("根据数据库生成的匹配数据不符合约定，批量推荐没有完成：%s") % problems
        ) from None


def _store_chunk(
    run: RecommendationRun,
    engine: Engine,
    counter: ExclusionCounter,
    person_market: Any,
    skipped: list[tuple[Any, str]],
) -> int:
    """Store one chunk's entries, suggestions and skipped persons; how many got suggestions."""
    chunk = engine.with_persons(person_market.persons)
    ranked = chunk.suggestions(run.top)
    few = [i for i, best in enumerate(ranked) if len(best) < ENOUGH]
    broken = dict(zip(few, counter.counts([person_market.persons[i] for i in few]), strict=True))
    with transaction.atomic():
        entries = RecommendationEntry.objects.bulk_create(
            [
                RecommendationEntry(
                    run=run,
                    person_id=int(person.id),
                    suggestions_count=len(best),
                    broken=broken.get(i, {}),
                    main_constraint=main_constraint(broken[i]) if i in broken else "",
                )
                for i, (person, best) in enumerate(zip(person_market.persons, ranked, strict=True))
            ]
        )
        rows = []
        for entry, person, best in zip(entries, person_market.persons, ranked, strict=True):
            for rank, (column, score) in enumerate(best, start=1):
                item = chunk.to_json(person, column, score, explain=True)
                rows.append(
                    RecommendationSuggestion(
                        entry=entry,
                        posting_id=int(item["posting"]),
                        rank=rank,
                        score=Decimal(score) / SCALE,
                        explanation=item["explanation"],
                    )
                )
        RecommendationSuggestion.objects.bulk_create(rows, batch_size=2000)
        RecommendationSkip.objects.bulk_create(
            [
                RecommendationSkip(
                    run=run, kind=SkipKind.PERSON, person_id=int(pk), reason=str(reason)[:300]
                )
                for pk, reason in skipped
            ]
        )
    return sum(1 for best in ranked if best)


def run_batch(run: RecommendationRun, *, chunk_size: int | None = None) -> str:
    """Match the run's region and store the suggestions; the summary in words."""
    size = max(1, chunk_size or settings.MATCHING_BATCH_CHUNK)
    progress = job_progress()
    RecommendationRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    on = run.as_of
    posting_side = build_market([], open_postings_for(run.region_code, on), on=on)
    postings_market = _read({**posting_side.input, "persons": []})
    RecommendationSkip.objects.bulk_create(
        [
            RecommendationSkip(
                run=run, kind=SkipKind.POSTING, posting_id=int(pk), reason=str(reason)[:300]
            )
            for pk, reason in posting_side.skipped_postings
        ]
    )
    engine = Engine(postings_market)
    counter = ExclusionCounter(postings_market, engine.postings)
    ids = list(job_seekers(run.region_code).values_list("pk", flat=True))
    considered = with_suggestions = skipped = 0
    progress(0, len(ids))
    for done, chunk_ids in enumerate(_chunks(ids, size)):
        built = build_market(Person.objects.filter(pk__in=chunk_ids).order_by("pk"), [], on=on)
        person_market = _read({**built.input, "as_of": on.isoformat(), "postings": []})
        with_suggestions += _store_chunk(
            run, engine, counter, person_market, list(built.skipped_persons)
        )
        considered += len(person_market.persons)
        skipped += len(built.skipped_persons)
        progress(min(len(ids), (done + 1) * size), len(ids))
    with transaction.atomic():
        mine = RecommendationEntry.objects.filter(run=run)
        matched = Q(person_id__in=mine.values("person_id")) | Q(
            person_id__in=RecommendationSkip.objects.filter(run=run, kind=SkipKind.PERSON).values(
                "person_id"
            )
        )
        RecommendationEntry.objects.filter(matched, current=True).exclude(run=run).update(
            current=False
        )
        mine.update(current=True)
        summary = _(
            "已为 %(considered)s 名求职者计算推荐岗位，其中 %(with)s 人获得推荐；"
            "%(skipped)s 名求职者和 %(postings_skipped)s 个岗位未参与匹配（原因见批次页面）。"
        ) % {
            "considered": considered,
            "with": with_suggestions,
            "skipped": skipped,
            "postings_skipped": len(posting_side.skipped_postings),
        }
        RecommendationRun.objects.filter(pk=run.pk).update(
            status=RunStatus.SUCCEEDED,
            persons_considered=considered,
            persons_with_suggestions=with_suggestions,
            persons_skipped=skipped,
            postings_considered=len(postings_market.postings),
            postings_skipped=len(posting_side.skipped_postings),
            finished_at=timezone.now(),
            message=summary,
        )
        record_audit(
            actor=None,
            kind=AuditKind.CHANGE,
            action=MatchingAction.BATCH_FINISH,
            target=run,
            target_label=str(run),
            region_code=run.region_code.ljust(6, "0")[:6],
            detail={"persons": considered, "with_suggestions": with_suggestions},
        )
    return summary


def run_batch_job(run_id: int) -> str:
    """The job's work (jobs.services.enqueue_job): run the batch, or record it failed."""
    run = RecommendationRun.objects.get(pk=run_id)
    try:
        return run_batch(run)
    except BaseException as error:
        message = getattr(error, "message", "") or _("批量推荐没有完成，可以重新开始。")
        RecommendationEntry.objects.filter(run=run).delete()
        RecommendationSkip.objects.filter(run=run).delete()
        RecommendationRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, message=message)
        raise
