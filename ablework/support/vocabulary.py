"""The functional vocabulary of work fixed by the matching contract
(`../shared/domain/matching-contract.md`): task demands, accommodations and a person's ability
for a demand. Codes are the contract's and never change; the labels are what people read.

Employment services record assessments and needs in these codes, and job postings their demands
and what they offer, so matching reads both without any mapping. Nothing here names a category
of disability: matching on a category is discrimination.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from django.db import models
from django.utils.translation import gettext_lazy as _


class Demand(models.TextChoices):
    """What a task demands (`demands`)."""

    READ_PRINT = "read_print", _("阅读纸质文字")
    READ_SCREEN = "read_screen", _("阅读屏幕文字")
    HEAR_SPEECH = "hear_speech", _("听清口语")
    PHONE = "phone", _("电话沟通")
    SPEAK = "speak", _("口头表达")
    FINE_HAND = "fine_hand", _("精细手部操作")
    TWO_HANDS = "two_hands", _("双手操作")
    STAND_LONG = "stand_long", _("长时间站立")
    WALK_LONG = "walk_long", _("长距离行走")
    LIFT_10KG = "lift_10kg", _("搬运10公斤以上")
    STAIRS = "stairs", _("上下楼梯")
    DRIVE = "drive", _("驾驶")
    NUMERACY = "numeracy", _("计算")
    CUSTOMER_CONTACT = "customer_contact", _("接待顾客")
    NIGHT_SHIFT = "night_shift", _("夜班")
    FAST_PACE = "fast_pace", _("快节奏作业")


class Accommodation(models.TextChoices):
    """What a workplace can offer, and what a person may need (`accommodations`)."""

    SCREEN_READER = "screen_reader", _("读屏软件")
    MAGNIFIER = "magnifier", _("放大设备")
    BRAILLE = "braille", _("盲文材料")
    SIGN_LANGUAGE = "sign_language", _("手语翻译")
    CAPTIONING = "captioning", _("文字转写/字幕")
    TEXT_CHAT = "text_chat", _("文字沟通")
    STEP_FREE = "step_free", _("无障碍通道")
    ACCESSIBLE_TOILET = "accessible_toilet", _("无障碍卫生间")
    ADJUSTABLE_DESK = "adjustable_desk", _("可调工位")
    SEAT = "seat", _("坐姿作业")
    FLEXIBLE_HOURS = "flexible_hours", _("弹性工时")
    REMOTE_WORK = "remote_work", _("居家办公")
    JOB_COACH = "job_coach", _("就业辅导员")
    VISUAL_ALARM = "visual_alarm", _("视觉报警")
    QUIET_SPACE = "quiet_space", _("安静空间")
    ASSISTIVE_TOOLS = "assistive_tools", _("辅助工具")


class Ability(models.TextChoices):
    """A person's ability for one demand: `with` carries the accommodations, any one of which
    is enough."""

    CAN = "can", _("能胜任")
    WITH = "with", _("借助便利条件能胜任")
    CANNOT = "cannot", _("不能胜任")


# The contract's JSON of one ability: "can", "cannot" or {"with": ["screen_reader", …]}.
AbilityValue: TypeAlias = str | dict[str, list[str]]
DEMANDS = frozenset(Demand.values)
ACCOMMODATIONS = frozenset(Accommodation.values)


def ability_problems(abilities: Mapping[str, object]) -> list[str]:
    """What is wrong with an abilities object in the contract's shape, in plain Chinese (empty
    when it is right): unknown demands, unknown abilities, `with` without a known accommodation."""
    problems: list[str] = []
    for demand, value in abilities.items():
        if demand not in DEMANDS:
            problems.append(str(_("没有这项工作要求：%(code)s")) % {"code": demand})
            continue
        label = Demand(demand).label
        if value in (Ability.CAN, Ability.CANNOT):
            continue
        if isinstance(value, Mapping) and set(value) == {Ability.WITH}:
            chosen = value[Ability.WITH]
            if isinstance(chosen, list) and chosen and set(chosen) <= ACCOMMODATIONS:
                continue
            problems.append(
                str(_("“%(demand)s”借助便利条件时，至少要选一项已有的便利条件。"))
                % {"demand": label}
            )
            continue
        problems.append(
            str(_("“%(demand)s”的能力只能是能胜任、借助便利条件或不能胜任。")) % {"demand": label}
        )
    return problems


def accommodation_problems(codes: object) -> list[str]:
    """What is wrong with a list of accommodation codes (empty when every one is known)."""
    if not isinstance(codes, list):
        return [str(_("便利条件应当是一个列表。"))]
    return [
        str(_("没有这项便利条件：%(code)s")) % {"code": code}
        for code in codes
        if code not in ACCOMMODATIONS
    ]
