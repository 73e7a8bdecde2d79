"""The fairness report of a batch: the share of the persons it matched who got at least three
suggestions, by disability category, by disability grade, by township and by sex, each group
against the overall share, with the hard constraints that excluded the persons left with
fewer most often.

Category, grade and sex are read from the registry here, after matching, and only here: the
engine has no field for them, so they never rank or exclude anyone (docs/matching.md).

Two Ablework settings, not legal figures: a group of fewer than `MATCHING_FAIRNESS_MIN_GROUP`
persons shows no figures (nor does the next smallest group of the same table when it is the
only one hidden, since the total would give it away), and a group whose share is at least
`MATCHING_FAIRNESS_GAP_POINTS` percentage points below the overall share is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.core.models import Region
from ablework.matching.models import RecommendationEntry, RecommendationRun
from ablework.registry.models import DisabilityCategory, DisabilityGrade, Sex

ENOUGH = 3
HUNDRED = Decimal(100)
# The six hard constraints of the contract, in short.
CONSTRAINT_TITLES = {
    "1": gettext_lazy("1 岗位未在招聘中（状态、有效期或名额）"),
    "2": gettext_lazy("2 工资低于本人期望或当地最低工资"),
    "3": gettext_lazy("3 必需的工作要求本人不能胜任，或所需便利岗位没有提供"),
    "4": gettext_lazy("4 本人需要的无障碍条件岗位没有提供"),
    "5": gettext_lazy("5 工作地点超出本人可通勤的距离"),
    "6": gettext_lazy("6 每周工作时间超过本人能承受的时间"),
}


@dataclass
class Excluder:
    constraint: str
    title: str
    persons: int


@dataclass
class Group:
    label: str
    persons: int
    enough: int
    suppressed: bool = False
    below: bool = False
    excluders: list[Excluder] = field(default_factory=list)

    @property
    def share(self) -> Decimal:
        return percent(self.enough, self.persons)

    @property
    def fewer(self) -> int:
        return self.persons - self.enough


@dataclass
class Table:
    key: str
    title: Any
    groups: list[Group]


@dataclass
class FairnessReport:
    run: RecommendationRun
    persons: int
    enough: int
    min_group: int
    gap_points: int
    tables: list[Table]
    overall_excluders: list[Excluder]

    @property
    def share(self) -> Decimal:
        return percent(self.enough, self.persons)


def percent(part: int, whole: int) -> Decimal:
    """part / whole in per cent, to one decimal (0 of none)."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


DIMENSIONS: tuple[tuple[str, str, Any], ...] = (
    ("category", "person__disability_category", gettext_lazy("按残疾类别")),
    ("grade", "person__disability_grade", gettext_lazy("按残疾等级")),
    ("township", "person__township_code", gettext_lazy("按乡镇（街道）")),
    ("sex", "person__sex", gettext_lazy("按性别")),
)


def _labels(key: str, values: list[Any]) -> dict[Any, str]:
    if key == "category":
        return {v: str(DisabilityCategory(v).label) for v in values if v is not None}
    if key == "grade":
        return {v: str(DisabilityGrade(v).label) for v in values if v is not None}
    if key == "sex":
        return {v: str(Sex(v).label) for v in values if v in Sex.values}
    names = dict(
        Region.objects.filter(code__in=[v for v in values if v]).values_list("code", "name")
    )
    return {v: names.get(v, v) for v in values if v}


def _excluders(rows: Any, column: str | None) -> dict[Any, list[Excluder]]:
    """Per group (or for all, column None): the constraints that broke the most postings for
    its persons with fewer than three suggestions, by how many persons, most first."""
    fields = [column, "main_constraint"] if column else ["main_constraint"]
    counted = (
        rows.filter(suggestions_count__lt=ENOUGH)
        .exclude(main_constraint="")
        .values(*fields)
        .annotate(n=Count("id"))
        .order_by()
    )
    found: dict[Any, list[Excluder]] = {}
    for row in counted:
        number = row["main_constraint"]
        found.setdefault(row[column] if column else None, []).append(
            Excluder(number, str(CONSTRAINT_TITLES.get(number, number)), row["n"])
        )
    for items in found.values():
        items.sort(key=lambda item: (-item.persons, item.constraint))
    return found


def _suppress(groups: list[Group], least: int) -> None:
    hidden = [group for group in groups if group.persons < least]
    shown = sorted((g for g in groups if g.persons >= least), key=lambda g: g.persons)
    if len(hidden) == 1 and shown:  # the total would give the one hidden group away
        hidden.append(shown[0])
    for group in hidden:
        group.suppressed = True
        group.below = False
        group.excluders = []


def fairness_report(run: RecommendationRun) -> FairnessReport:
    least = settings.MATCHING_FAIRNESS_MIN_GROUP
    gap = Decimal(settings.MATCHING_FAIRNESS_GAP_POINTS)
    rows = RecommendationEntry.objects.filter(run=run)
    enough_q = Q(suggestions_count__gte=ENOUGH)
    totals = rows.aggregate(n=Count("id"), k=Count("id", filter=enough_q))
    persons, enough = totals["n"] or 0, totals["k"] or 0
    overall = percent(enough, persons)
    tables = []
    for key, column, title in DIMENSIONS:
        counted = list(
            rows.values(column)
            .annotate(n=Count("id"), k=Count("id", filter=enough_q))
            .order_by(column)
        )
        labels = _labels(key, [row[column] for row in counted])
        excluders = _excluders(rows, column)
        groups = []
        for row in counted:
            group = Group(
                label=labels.get(row[column], _("未登记")),
                persons=row["n"],
                enough=row["k"],
                excluders=excluders.get(row[column], [])[:3],
            )
            group.below = overall - group.share >= gap
            groups.append(group)
        _suppress(groups, least)
        tables.append(Table(key=key, title=title, groups=groups))
    return FairnessReport(
        run=run,
        persons=persons,
        enough=enough,
        min_group=least,
        gap_points=int(gap),
        tables=tables,
        overall_excluders=_excluders(rows, None).get(None, []),
    )
