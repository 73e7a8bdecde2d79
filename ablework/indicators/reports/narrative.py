"""The report's generated text, from the figures only: plain sentences with the exact numbers,
the same every time for the same figures, in the active language. It says what the figures
show (targets on track or behind, the largest gaps and the regions behind them, indicators
without data) and never speaks for staff: 经验做法 and 下一步工作 are theirs (`ReportNote`)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ablework.core.models import Region
from ablework.indicators.periods import Period
from ablework.indicators.reports.model import Line, Ranking, Standing, has_data

# How many regions behind a target the 存在问题 names per indicator.
NAMED_BEHIND = 3


def _points(gap: Decimal) -> str:
    return f"{abs(gap):.1f}"


def gap_words(line_or_rate: bool, gap: Decimal) -> str:
    """`落后时间进度 30.0 个百分点` (a count), `低于目标 2.7 个百分点` (a rate)."""
    if line_or_rate:
        if gap < 0:
            return _("低于目标 %(points)s 个百分点") % {"points": _points(gap)}
        return _("达到目标，高出 %(points)s 个百分点") % {"points": _points(gap)}
    if gap < 0:
        return _("落后时间进度 %(points)s 个百分点") % {"points": _points(gap)}
    return _("快于时间进度 %(points)s 个百分点") % {"points": _points(gap)}


def _sentence(text: str) -> str:
    text = text.rstrip("。；，")
    return text + _("。")


def summary_of(region: Region, period: Period, lines: list[Line]) -> list[str]:
    """一、工作成效's opening: how many indicators, how many with targets, on track or not, and a
    sentence per indicator with a target."""
    if not period.has_started():
        return [_("%(when)s尚未开始，没有数据。") % {"when": period.label}]
    targeted = [line for line in lines if line.row.plan is not None]
    behind = [line for line in targeted if line.on_track is False]
    on_track = [line for line in targeted if line.on_track is True]
    until = period.read_until()
    opening = _(
        "截至%(until)s，%(place)s%(when)s共监测 %(n)s 项指标，其中 %(targeted)s 项设有已生效目标："
        "%(on_track)s 项进度正常，%(behind)s 项进度落后。"
    ) % {
        "until": _("%(y)s年%(m)s月%(d)s日") % {"y": until.year, "m": until.month, "d": until.day},
        "place": region.name,
        "when": period.label,
        "n": len(lines),
        "targeted": len(targeted),
        "on_track": len(on_track),
        "behind": len(behind),
    }
    if not targeted:
        opening = _(
            "截至%(until)s，%(place)s%(when)s共监测 %(n)s 项指标，均未设已生效目标，下面只列数值。"
        ) % {
            "until": _("%(y)s年%(m)s月%(d)s日")
            % {"y": until.year, "m": until.month, "d": until.day},
            "place": region.name,
            "when": period.label,
            "n": len(lines),
        }
    sentences = [opening]
    for line in targeted:
        sentences.append(
            _sentence(
                _("%(name)s：本期 %(shown)s；目标 %(target)s，%(progress)s")
                % {
                    "name": line.measure.name,
                    "shown": line.shown,
                    "target": line.target,
                    "progress": line.progress,
                }
            )
        )
    return sentences


def _behind_here(line: Line) -> str:
    assert line.gap is not None
    return _sentence(
        _("%(name)s进度落后，%(gap)s：%(progress)s")
        % {
            "name": line.measure.name,
            "gap": gap_words(line.measure.is_rate, line.gap),
            "progress": line.progress,
        }
    )


def _behind_below(ranking: Ranking) -> str | None:
    behind: list[Standing] = sorted(
        (s for s in ranking.standings if s.gap is not None and s.gap < 0),
        key=lambda standing: (standing.gap, standing.ranked.part.code),
    )
    if not behind:
        return None
    named = [
        _("%(place)s（%(gap)s：%(progress)s）")
        % {
            "place": standing.ranked.part.name,
            "gap": gap_words(ranking.measure.is_rate, standing.gap or Decimal(0)),
            "progress": standing.progress.rstrip("。"),
        }
        for standing in behind[:NAMED_BEHIND]
    ]
    words = _("%(name)s：差距最大的是%(first)s") % {
        "name": ranking.measure.name,
        "first": named[0],
    }
    if len(named) > 1:
        words += _("；其次是%(rest)s") % {"rest": "、".join(named[1:])}
    if len(behind) > NAMED_BEHIND:
        words += _("；共 %(n)s 个地区落后于本地区目标进度") % {"n": len(behind)}
    return _sentence(words)


def _without_targets(region: Region, ranking: Ranking) -> str | None:
    missing = [
        s.ranked.part.name
        for s in ranking.standings
        if s.ranked.part.code and s.ranked.progress is None
    ]
    if not ranking.with_targets or not missing:
        return None
    return _("%(name)s：%(places)s尚无已生效的本地区目标，无法衡量进度。") % {
        "name": ranking.measure.name,
        "places": "、".join(missing),
    }


def _spread(region: Region, ranking: Ranking) -> str | None:
    """A rate without a target here: the region below furthest under the region's own figure,
    and the spread between the highest and the lowest."""
    valued = [s for s in ranking.standings if s.ranked.value is not None and s.ranked.part.code]
    own = ranking.line.row.value
    if ranking.with_targets or not ranking.measure.is_rate or len(valued) < 2 or own is None:
        return None
    high, low = valued[0], valued[-1]
    if high.ranked.value == low.ranked.value:
        return None
    lowest = [s.ranked.part.name for s in valued if s.ranked.value == low.ranked.value]
    if len(lowest) > NAMED_BEHIND:
        named = _("%(names)s等 %(n)s 个地区") % {
            "names": "、".join(lowest[:NAMED_BEHIND]),
            "n": len(lowest),
        }
    else:
        named = "、".join(lowest)
    gap = Decimal(own) - Decimal(low.ranked.value or 0)
    spread = Decimal(high.ranked.value or 0) - Decimal(low.ranked.value or 0)
    return _(
        "%(name)s：最低的是%(low)s（%(low_value)s），"
        "比%(place)s整体（%(own)s）低 %(gap)s 个百分点；"
        "最高的%(high)s（%(high_value)s）与最低相差 %(spread)s 个百分点。"
    ) % {
        "name": ranking.measure.name,
        "low": named,
        "low_value": low.shown,
        "place": region.name,
        "own": ranking.line.shown,
        "gap": f"{gap:.1f}",
        "high": high.ranked.part.name,
        "high_value": high.shown,
        "spread": f"{spread:.1f}",
    }


def _no_data(lines: list[Line]) -> str | None:
    empty = [str(line.measure.name) for line in lines if not has_data(line)]
    if not empty:
        return None
    return _("本期没有数据（无记录或为零）的指标 %(n)s 项：%(names)s。请核实是否漏录。") % {
        "n": len(empty),
        "names": "、".join(empty),
    }


def problems_of(region: Region, lines: list[Line], rankings: list[Ranking]) -> list[str]:
    """三、存在问题: targets behind schedule here, then for each key indicator the regions below
    furthest behind their own targets (the largest gaps first), regions without a target, for a
    rate without a target the region furthest below the whole and the spread, and the
    indicators with no data."""
    found: list[str] = []
    for line in lines:
        if line.on_track is False and line.gap is not None:
            found.append(_behind_here(line))
    for ranking in rankings:
        if (words := _behind_below(ranking)) is not None:
            found.append(words)
    for ranking in rankings:
        if (words := _without_targets(region, ranking)) is not None:
            found.append(words)
    for ranking in rankings:
        if (words := _spread(region, ranking)) is not None:
            found.append(words)
    if (words := _no_data(lines)) is not None:
        found.append(words)
    if not found:
        found.append(_("本期没有发现进度落后的目标。"))
    return found
