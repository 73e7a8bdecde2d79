"""The six hard constraints of the contract, one plain function each over one person and one
posting: None when the pair meets it, else the constraint's number and what is wrong in plain
Chinese. `--explain-pair` lists every one a pair breaks; the vectorised feasibility of a whole
market (`feasibility.py`) is the same six tests over arrays, checked against these.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ablework.matching.engine.market import Person, Posting
from ablework.matching.engine.vocabulary import (
    ACCOMMODATION_LABELS,
    CAN,
    CANNOT,
    DEMAND_LABELS,
    ESSENTIAL,
    REMOTE_WORK,
)

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


@dataclass(frozen=True)
class Broken:
    constraint: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"constraint": self.constraint, "text": self.text}


def yuan(fen: int) -> str:
    """Integer fen as yuan with two decimals (220000 → "2200.00")."""
    return f"{fen // 100}.{fen % 100:02d}"


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def distance_km(person: Person, posting: Posting) -> float:
    """Great-circle distance from the person's home to the workplace (haversine)."""
    lat1, lat2 = math.radians(person.lat), math.radians(posting.lat)
    half_lat = (lat2 - lat1) / 2
    half_lon = math.radians(posting.lon - person.lon) / 2
    h = math.sin(half_lat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_lon) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def works_remotely(person: Person, posting: Posting) -> bool:
    """The posting offers remote work and the person accepts it (constraints 4 and 5 lapse)."""
    return person.accepts_remote and REMOTE_WORK in posting.offers


def open_on(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """1. Open on `as_of`: status open, valid until as_of or later, an opening left."""
    reasons = []
    if posting.status != "open":
        reasons.append(f"岗位状态为“{posting.status}”，不是招聘中（open）")
    if posting.valid_until < as_of:
        reasons.append(f"有效期至 {posting.valid_until.isoformat()}，早于 {as_of.isoformat()}")
    if posting.openings_left < 1:
        reasons.append("已没有空缺名额")
    return Broken("1", "；".join(reasons)) if reasons else None


def wage_fits(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """2. wage_max ≥ max(wage floor, local minimum wage) and wage_min ≥ the minimum wage."""
    reasons = []
    if posting.wage_max_fen < person.wage_floor_fen:
        reasons.append(
            f"月薪最高 {yuan(posting.wage_max_fen)} 元，低于本人期望的最低月薪 "
            f"{yuan(person.wage_floor_fen)} 元"
        )
    if posting.wage_max_fen < posting.minimum_wage_fen:
        reasons.append(
            f"月薪最高 {yuan(posting.wage_max_fen)} 元，低于当地最低工资标准 "
            f"{yuan(posting.minimum_wage_fen)} 元"
        )
    if posting.wage_min_fen < posting.minimum_wage_fen:
        reasons.append(
            f"月薪最低 {yuan(posting.wage_min_fen)} 元，低于当地最低工资标准 "
            f"{yuan(posting.minimum_wage_fen)} 元"
        )
    return Broken("2", "；".join(reasons)) if reasons else None


def essential_demands_met(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """3. Every essential demand: the person can, or can with an accommodation offered."""
    reasons = []
    for demand, mark in posting.demands.items():
        ability = person.ability(demand)
        if mark != ESSENTIAL or ability == CAN:
            continue
        label = DEMAND_LABELS[demand]
        if ability == CANNOT:
            reasons.append(f"必需的工作要求“{label}”本人不能胜任")
        elif isinstance(ability, frozenset) and not ability & posting.offers:
            wanted = "或".join(ACCOMMODATION_LABELS[code] for code in sorted_codes(ability))
            reasons.append(f"必需的工作要求“{label}”本人需要{wanted}，岗位没有提供")
    return Broken("3", "；".join(reasons)) if reasons else None


def needs_offered(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """4. Every access need is offered, unless the work can be done remotely."""
    missing = [code for code in person.needs if code not in posting.offers]
    if not missing or works_remotely(person, posting):
        return None
    labels = "、".join(ACCOMMODATION_LABELS[code] for code in missing)
    return Broken(
        "4", f"本人在任何工作场所都需要的{labels}，岗位没有提供{_no_remote(person, posting)}"
    )


def within_commute(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """5. The workplace within the person's commute, unless the work can be done remotely."""
    km = distance_km(person, posting)
    if km <= person.commute_km or works_remotely(person, posting):
        return None
    return Broken(
        "5",
        f"工作地点距家约 {km:.1f} 公里，超过本人可通勤的 {person.commute_km:g} 公里"
        f"{_no_remote(person, posting)}",
    )


def hours_fit(person: Person, posting: Posting, as_of: date) -> Broken | None:
    """6. The weekly hours within the person's maximum."""
    if posting.hours_per_week <= person.max_hours_per_week:
        return None
    return Broken(
        "6",
        f"每周工作 {hours_text(posting.hours_per_week)} 小时，超过本人每周最多 "
        f"{hours_text(person.max_hours_per_week)} 小时",
    )


def _no_remote(person: Person, posting: Posting) -> str:
    if REMOTE_WORK not in posting.offers:
        return "（岗位不能居家办公）"
    return "（本人不接受居家办公）"


def sorted_codes(codes: frozenset[str] | tuple[str, ...]) -> list[str]:
    """Accommodation codes in the vocabulary's order."""
    return [code for code in ACCOMMODATION_LABELS if code in codes]


CONSTRAINTS: tuple[Callable[[Person, Posting, date], Broken | None], ...] = (
    open_on,
    wage_fits,
    essential_demands_met,
    needs_offered,
    within_commute,
    hours_fit,
)


def broken_constraints(person: Person, posting: Posting, as_of: date) -> list[Broken]:
    """Every hard constraint the pair breaks, by number; empty when the pair is feasible."""
    return [
        broken for check in CONSTRAINTS if (broken := check(person, posting, as_of)) is not None
    ]
