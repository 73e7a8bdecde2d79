"""What a page says of the period lock on a figure, in words (the dashboard's and the
submission page's): locked, including locked regions below, and where live data differs."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.core.measure_parts import Measure, Tally
from ablework.indicators.charts import shown
from ablework.indicators.selectors.dashboard import value_of
from ablework.indicators.selectors.locks import LockNote


def tally_shown(measure: Measure, tally: Tally) -> str:
    """A stored or live figure as people read it (`12 人`, `57.3%`)."""
    return shown(measure, value_of(measure, tally))


def lock_words(measure: Measure, note: LockNote | None) -> str:
    """`本期数据已审核锁定（2026-07-05），显示锁定数。实时数据与报送数不同：…` — or "" when no
    lock bears on the figure."""
    if note is None:
        return ""
    if note.submission is not None:
        decided = note.submission.decided_at
        words = _("本期数据已审核锁定（%(day)s），显示锁定数%(revised)s。") % {
            "day": timezone.localdate(decided).isoformat() if decided else "",
            "revised": _("（含已通过的更正）") if note.revised else "",
        }
    else:
        words = _("其中 %(count)s 个下级地区本期已审核锁定，按锁定数计。") % {
            "count": note.locked_below
        }
    if note.differences:
        words += _("实时数据与报送数不同：%(places)s。") % {
            "places": "；".join(
                _("%(name)s 实时 %(live)s，锁定 %(locked)s")
                % {
                    "name": difference.name,
                    "live": tally_shown(measure, difference.live),
                    "locked": tally_shown(measure, difference.locked),
                }
                for difference in note.differences
            )
        }
    return words
