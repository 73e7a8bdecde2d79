"""Checking a job posting's details before it is written: every problem at once, by field.

The lowest wage is refused under the local minimum wage of the posting's county on its first day,
naming the parameter and its value. No write and no query but the minimum wage's parameter
lookup: the posting service, the form and the import all check with these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ablework.core.errors import FieldsInvalid
from ablework.core.region_names import region_name
from ablework.matching.errors import MatchingErrorCode
from ablework.matching.models import ContractType, DemandLevel, PostingKind
from ablework.matching.selectors.wages import PARAMETER, minimum_wage
from ablework.support.vocabulary import ACCOMMODATIONS, DEMANDS, Accommodation, Demand

# Typing checks of our own (Ablework's bounds, not law): a week has at most 84 working hours
# (12 a day, 7 days) and a posting at most 999 openings; a wage is under a million a month.
MOST_HOURS_PER_WEEK = 84
MOST_OPENINGS = 999
MOST_WAGE = Decimal("999999.99")
CENT = Decimal("0.01")


@dataclass(frozen=True, kw_only=True)
class PostingDetails:
    """What a posting says, as the form, the import and the demo give it."""

    title: str
    tasks: str
    kind: str
    county_code: str
    wage_min: Decimal | None
    wage_max: Decimal | None
    hours_per_week: int | None
    contract_type: str
    openings: int | None
    valid_from: date | None
    valid_until: date | None
    occupation: str = ""
    township_code: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    schedule: str = ""
    openings_filled: int = 0
    offers: tuple[str, ...] = ()
    # demand code → "essential" or "adjustable"
    demands: Mapping[str, str] = field(default_factory=dict)
    # Kept as a draft (not yet open to job seekers), or open from its first day.
    draft: bool = False


def offers_in_words(codes: list[str] | tuple[str, ...]) -> str:
    """The accommodations as people read them, in the vocabulary's order (the audit trail)."""
    chosen = set(codes)
    return "、".join(str(item.label) for item in Accommodation if item.value in chosen)


def demands_in_words(demands: Mapping[str, str]) -> str:
    """The demands as people read them, each with essential or adjustable."""
    return "、".join(
        f"{item.label}（{DemandLevel(demands[item.value]).label}）"
        for item in Demand
        if demands.get(item.value) in DemandLevel.values
    )


class _Problems:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.found.setdefault(where, []).append(message)

    def text(self, where: str, value: str, *, label: str, limit: int, required: bool) -> None:
        if required and not value.strip():
            self.add(where, _("请填写%(label)s。") % {"label": label})
        elif len(value) > limit:
            self.add(where, _("%(label)s最多%(limit)d个字。") % {"label": label, "limit": limit})

    def raise_any(self) -> None:
        if self.found:
            raise FieldsInvalid(self.found)


def _money_problems(details: PostingDetails, problems: _Problems) -> None:
    for where, value, label in (
        ("wage_min", details.wage_min, _("月工资下限")),
        ("wage_max", details.wage_max, _("月工资上限")),
    ):
        if value is None:
            problems.add(where, _("请填写%(label)s（元）。") % {"label": label})
        elif value <= 0 or value > MOST_WAGE:
            problems.add(where, _("%(label)s应大于0元、小于100万元。") % {"label": label})
        elif value != value.quantize(CENT):
            problems.add(where, _("%(label)s最多保留两位小数（到分）。") % {"label": label})
    low, high = details.wage_min, details.wage_max
    if low is not None and high is not None and high < low:
        problems.add("wage_max", _("月工资上限不能低于下限。"))


def minimum_wage_problem(details: PostingDetails) -> str | None:
    """Why the lowest wage is refused: under the minimum wage of the county on the first day
    (the parameter named, its value and where it comes from); None when it is not, or when no
    figure is known for that place and day."""
    if details.wage_min is None or details.valid_from is None or not details.county_code:
        return None
    minimum = minimum_wage(details.county_code, details.valid_from)
    if minimum is None or details.wage_min >= minimum.value:
        return None
    return _(
        "月工资下限 %(wage)s 元低于%(county)s %(day)s 的月最低工资标准 %(minimum)s 元"
        "（参数 %(parameter)s，%(since)s 起执行；依据：%(reference)s）。请提高工资下限。"
    ) % {
        "wage": format(details.wage_min, "f"),
        "county": region_name(details.county_code),
        "day": f"{details.valid_from:%Y-%m-%d}",
        "minimum": format(minimum.value, "f"),
        "parameter": PARAMETER,
        "since": f"{minimum.effective_from:%Y-%m-%d}",
        "reference": minimum.reference,
    }


def _place_problems(details: PostingDetails, problems: _Problems) -> None:
    if not details.county_code:
        problems.add("county_code", _("请选择工作地点所在的县（市、区）。"))
    if details.township_code and not details.township_code.startswith(details.county_code):
        problems.add("township_code", _("所选乡镇（街道）不在所选县（市、区）内。"))
    problems.text("address", details.address, label=_("工作地址"), limit=200, required=False)
    lat, lon = details.latitude, details.longitude
    if (lat is None) != (lon is None):
        where = "longitude" if lon is None else "latitude"
        problems.add(where, _("经度和纬度要一起填写，或都不填（按所在乡镇或县的中心计算距离）。"))
    if lat is not None and not -90 <= lat <= 90:
        problems.add("latitude", _("纬度应在 -90 到 90 度之间，例如 35.414982。"))
    if lon is not None and not -180 <= lon <= 180:
        problems.add("longitude", _("经度应在 -180 到 180 度之间，例如 116.587282。"))


def _vocabulary_problems(details: PostingDetails, problems: _Problems) -> None:
    for code in details.offers:
        if code not in ACCOMMODATIONS:
            problems.add("offers", _("没有这项便利条件：%(code)s") % {"code": code})
    for code, level in details.demands.items():
        if code not in DEMANDS:
            problems.add("demands", _("没有这项工作要求：%(code)s") % {"code": code})
        elif level not in DemandLevel.values:
            problems.add(
                f"demand_{code}",
                _("“%(demand)s”只能是必须具备或可以调整。") % {"demand": Demand(code).label},
            )


def posting_problems(details: PostingDetails) -> dict[str, list[str]]:
    """Every problem of a posting's details, by field (empty when there is none); no query but
    the minimum wage's parameter lookup."""
    problems = _Problems()
    problems.text("title", details.title, label=_("岗位名称"), limit=100, required=True)
    problems.text(
        "occupation", details.occupation, label=_("职业（工种）"), limit=100, required=False
    )
    problems.text("tasks", details.tasks, label=_("工作内容"), limit=2000, required=True)
    problems.text("schedule", details.schedule, label=_("工作时间安排"), limit=100, required=False)
    if details.kind not in PostingKind.values:
        problems.add("kind", _("请选择岗位类型。"))
    if details.contract_type not in ContractType.values:
        problems.add("contract_type", _("请选择用工形式。"))
    _money_problems(details, problems)
    hours = details.hours_per_week
    if hours is None or not 1 <= hours <= MOST_HOURS_PER_WEEK:
        problems.add(
            "hours_per_week",
            _("请填写每周工作小时数（1 到 %(most)d 小时）。") % {"most": MOST_HOURS_PER_WEEK},
        )
    openings = details.openings
    if openings is None or not 1 <= openings <= MOST_OPENINGS:
        problems.add(
            "openings", _("请填写招聘人数（1 到 %(most)d 人）。") % {"most": MOST_OPENINGS}
        )
    elif not 0 <= details.openings_filled <= openings:
        problems.add("openings_filled", _("已录用人数应在 0 到招聘人数之间。"))
    if details.valid_from is None:
        problems.add("valid_from", _("请填写有效期起始日期。"))
    if details.valid_until is None:
        problems.add("valid_until", _("请填写有效期截止日期。"))
    elif details.valid_from is not None and details.valid_until < details.valid_from:
        problems.add("valid_until", _("有效期截止日期不能早于起始日期。"))
    _place_problems(details, problems)
    _vocabulary_problems(details, problems)
    below = minimum_wage_problem(details)
    if below is not None:
        problems.add("wage_min", below)
    return problems.found


def check_posting(details: PostingDetails) -> None:
    """FieldsInvalid with every problem of the details (the form's `service_checks`)."""
    found = posting_problems(details)
    if found:
        code = MatchingErrorCode.BELOW_MINIMUM_WAGE if minimum_wage_problem(details) else None
        raise FieldsInvalid(found, code=code)
