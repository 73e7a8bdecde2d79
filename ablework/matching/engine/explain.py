"""The explanation of a pair, in plain Chinese: which demands are met and how, which access
needs are offered, skills in common, distance, wage, hours and remote work. Kinds are the
contract's: demand_met, need_met, skills, distance, wage, hours, remote.
"""

from __future__ import annotations

from ablework.matching.engine.constraints import (
    distance_km,
    hours_text,
    sorted_codes,
    works_remotely,
    yuan,
)
from ablework.matching.engine.market import Person, Posting
from ablework.matching.engine.text import Vocabulary, words, words_in_common
from ablework.matching.engine.vocabulary import (
    ACCOMMODATION_LABELS,
    ADJUSTABLE,
    CAN,
    DEMAND_LABELS,
    ESSENTIAL,
)

Item = dict[str, str]


def explanation(person: Person, posting: Posting, vocab: Vocabulary) -> list[Item]:
    """Every item a person can check for the pair (what is unmet is in the broken list)."""
    items = _demands(person, posting) + _needs(person, posting)
    items.append(_skills(person, posting, vocab))
    remote = works_remotely(person, posting)
    km = distance_km(person, posting)
    if remote:
        items.append(
            {
                "kind": "remote",
                "text": "岗位可居家办公，本人接受居家办公：无障碍需求和通勤距离以居家条件为准",
            }
        )
    items.append(
        {
            "kind": "distance",
            "text": f"工作地点距家约 {km:.1f} 公里"
            + ("（居家办公，无需通勤）" if remote else f"，本人可通勤 {person.commute_km:g} 公里"),
        }
    )
    items.append(
        {
            "kind": "wage",
            "text": f"月薪 {yuan(posting.wage_min_fen)}–{yuan(posting.wage_max_fen)} 元；"
            f"本人期望不低于 {yuan(person.wage_floor_fen)} 元，"
            f"当地最低工资标准 {yuan(posting.minimum_wage_fen)} 元",
        }
    )
    items.append(
        {
            "kind": "hours",
            "text": f"每周工作 {hours_text(posting.hours_per_week)} 小时，本人每周最多 "
            f"{hours_text(person.max_hours_per_week)} 小时",
        }
    )
    return items


def _demands(person: Person, posting: Posting) -> list[Item]:
    items = []
    for demand in (d for d in DEMAND_LABELS if d in posting.demands):
        mark = posting.demands[demand]
        label = DEMAND_LABELS[demand]
        kind = "必需" if mark == ESSENTIAL else "可调整"
        ability = person.ability(demand)
        if ability == CAN:
            how = "本人可直接胜任"
        elif isinstance(ability, frozenset) and (used := ability & posting.offers):
            names = "或".join(ACCOMMODATION_LABELS[code] for code in sorted_codes(used))
            how = f"借助岗位提供的{names}可以胜任"
        elif mark == ADJUSTABLE:
            how = "本人目前不能胜任，需与用人单位商定调整"
        else:
            continue  # an essential demand not met is a broken constraint 3
        items.append({"kind": "demand_met", "text": f"{label}（{kind}）：{how}"})
    return items


def _needs(person: Person, posting: Posting) -> list[Item]:
    items = []
    for code in sorted_codes(person.needs):
        label = ACCOMMODATION_LABELS[code]
        if code in posting.offers:
            items.append({"kind": "need_met", "text": f"本人需要的{label}：岗位提供"})
        elif works_remotely(person, posting):
            items.append(
                {"kind": "need_met", "text": f"本人需要的{label}：居家办公时由本人居家条件满足"}
            )
    return items


def _skills(person: Person, posting: Posting, vocab: Vocabulary) -> Item:
    mine = words(person.skills) + words(" ".join(person.occupations))
    theirs = words(" ".join((posting.title, posting.occupation, posting.description)))
    shared = words_in_common(mine, theirs, vocab)
    if shared:
        return {"kind": "skills", "text": "技能和意向与岗位相同的词：" + "、".join(shared)}
    return {"kind": "skills", "text": "本人的技能和意向职业与岗位描述没有相同的词"}
