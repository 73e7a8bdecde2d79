"""Targets as people read them: a region's, the split of one among the region's children with
its sum checked, and the progress of a figure against its target in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure, Tally
from ablework.core.models import Region
from ablework.indicators.catalogue import measure_named
from ablework.indicators.models import Target, TargetStatus
from ablework.indicators.periods import Period


def live_targets(rows: QuerySet[Target]) -> QuerySet[Target]:
    """Targets not returned (pending or approved)."""
    return rows.exclude(status=TargetStatus.REJECTED)


def targets_of(region: Region, *, first_year: int, last_year: int) -> dict[str, Target]:
    """The region's live targets of exactly these years, by indicator."""
    rows = live_targets(
        Target.objects.filter(region_code=region.code, first_year=first_year, last_year=last_year)
    )
    return {row.indicator: row for row in rows}


def child_targets(
    children: Sequence[Region], *, first_year: int, last_year: int
) -> dict[tuple[str, str], Target]:
    """The children's live targets of these years, by (region code, indicator): one query."""
    rows = live_targets(
        Target.objects.filter(
            region_code__in=[child.code for child in children],
            first_year=first_year,
            last_year=last_year,
        )
    )
    return {(row.region_code, row.indicator): row for row in rows}


def periods_with_targets(region: Region) -> list[tuple[int, int]]:
    """The plan periods (first, last year) the region has targets for, latest first."""
    rows = live_targets(Target.objects.filter(region_code=region.code))
    periods = set(rows.values_list("first_year", "last_year"))
    return sorted(periods, key=lambda years: (-years[1], -years[0]))


@dataclass(frozen=True)
class Distribution:
    """How a target is split among the children: the parts, their sum and what it says."""

    target: Target
    parts: list[Target]
    total: Decimal | None
    message: str
    adds_up: bool


def distribution_of(target: Target) -> Distribution:
    """The children's targets of this one, and whether they add up to it (counts only: rates
    are not summed; a child's rate below the parent's is named)."""
    parts = list(live_targets(target.parts.all()).order_by("region_code"))
    measure = measure_named(target.indicator)
    if measure.is_rate and not parts:
        return Distribution(target, parts, None, _("尚未分解到下级。"), False)
    if measure.is_rate:
        lower = [part for part in parts if part.value < target.value]
        message = _("比率目标不相加。") + (
            _("低于上级目标 %(value)s%% 的下级：%(names)s。")
            % {
                "value": f"{target.value:.1f}",
                "names": "、".join(_region_name(part.region_code) for part in lower),
            }
            if lower
            else _("各下级目标都不低于上级目标。")
        )
        return Distribution(target, parts, None, message, not lower)
    total = sum((part.value for part in parts), Decimal(0))
    difference = total - target.value
    if not parts:
        message = _("尚未分解到下级。")
    elif difference == 0:
        message = _("各下级目标合计 %(total)s %(unit)s，与本级目标一致。") % {
            "total": f"{int(total):,}",
            "unit": measure.unit,
        }
    elif difference < 0:
        message = _(
            "各下级目标合计 %(total)s %(unit)s，比本级目标 %(own)s %(unit)s 少 %(gap)s %(unit)s，"
            "尚未分解完。"
        ) % {
            "total": f"{int(total):,}",
            "own": f"{int(target.value):,}",
            "gap": f"{int(-difference):,}",
            "unit": measure.unit,
        }
    else:
        message = _(
            "各下级目标合计 %(total)s %(unit)s，比本级目标 %(own)s %(unit)s 多 %(gap)s %(unit)s。"
        ) % {
            "total": f"{int(total):,}",
            "own": f"{int(target.value):,}",
            "gap": f"{int(difference):,}",
            "unit": measure.unit,
        }
    return Distribution(target, parts, total, message, difference == 0)


def _region_name(code: str) -> str:
    region = Region.objects.filter(code=code).only("name").first()
    return region.name if region else code


@dataclass(frozen=True)
class Progress:
    """A figure against its target: the share done, the share of time gone, and in words."""

    share: Decimal | None
    projected: Decimal | None
    words: str
    on_track: bool | None


def progress_of(measure: Measure, tally: Tally, target: Target | None, period: Period) -> Progress:
    """`已完成目标的 62.5%，时间已过 58%；按当前进度，2025年底完成 107%。` — a count against
    its target, projected to the period's end at the pace so far; a rate against its level."""
    if target is None:
        return Progress(None, None, _("未设目标。"), None)
    if not period.has_started():
        return Progress(None, None, _("期间尚未开始。"), None)
    if measure.is_rate:
        percent = tally.percent()
        if percent is None:
            return Progress(None, None, _("没有就业年龄段持证人员，无法计算。"), None)
        reached = percent >= target.value
        words = (
            _("现为 %(now)s%%，已达到目标 %(target)s%%。")
            if reached
            else _("现为 %(now)s%%，距目标 %(target)s%% 还差 %(gap)s 个百分点。")
        ) % {
            "now": f"{percent:.1f}",
            "target": f"{target.value:.1f}",
            "gap": f"{target.value - percent:.1f}",
        }
        return Progress(percent, None, words, reached)
    share = (Decimal(tally.numerator) * 100 / target.value).quantize(Decimal("0.1"))
    elapsed = Decimal(str(period.share_elapsed())) * 100
    ended = elapsed >= 100
    projected = None if ended or elapsed == 0 else (share * 100 / elapsed).quantize(Decimal("1"))
    words = _("已完成目标的 %(share)s%%（%(done)s / %(target)s %(unit)s）") % {
        "share": f"{share:.1f}",
        "done": f"{tally.numerator:,}",
        "target": f"{int(target.value):,}",
        "unit": measure.unit,
    }
    if ended:
        words += _("，期间已结束。")
    else:
        words += _("，时间已过 %(elapsed)s%%；按当前进度，%(year)s年底完成 %(projected)s%%。") % {
            "elapsed": f"{elapsed:.0f}",
            "year": period.end.year,
            "projected": projected,
        }
    on_track = share >= 100 if ended else (projected is not None and projected >= 100)
    return Progress(share, projected, words, on_track)
