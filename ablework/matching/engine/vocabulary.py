"""The functional vocabulary of the matching contract (`../shared/domain/matching-contract.md`),
the one source of its codes and Chinese labels: task demands, accommodations and a person's
ability for a demand. Codes never change; the labels are what people read.

`ablework.support.vocabulary` builds the Django choices of the assessment and needs forms from
these tuples, so employment services, job postings and the engine share one list. The labels
are marked with `gettext_noop` so that `makemessages` collects them for the English catalogue;
the engine itself writes Chinese (the contract's explanations), and the pages translate.
Nothing here names a category of disability: matching on a category is discrimination.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a message for the translation catalogue without translating it (the engine knows
    no Django; `makemessages` finds the marker by name)."""
    return message


# Task demands (`demands`), in the contract's order.
DEMANDS: tuple[tuple[str, str], ...] = (
    ("read_print", gettext_noop("阅读纸质文字")),
    ("read_screen", gettext_noop("阅读屏幕文字")),
    ("hear_speech", gettext_noop("听清口语")),
    ("phone", gettext_noop("电话沟通")),
    ("speak", gettext_noop("口头表达")),
    ("fine_hand", gettext_noop("精细手部操作")),
    ("two_hands", gettext_noop("双手操作")),
    ("stand_long", gettext_noop("长时间站立")),
    ("walk_long", gettext_noop("长距离行走")),
    ("lift_10kg", gettext_noop("搬运10公斤以上")),
    ("stairs", gettext_noop("上下楼梯")),
    ("drive", gettext_noop("驾驶")),
    ("numeracy", gettext_noop("计算")),
    ("customer_contact", gettext_noop("接待顾客")),
    ("night_shift", gettext_noop("夜班")),
    ("fast_pace", gettext_noop("快节奏作业")),
)

# What a workplace can offer, and what a person may need (`accommodations`).
ACCOMMODATIONS: tuple[tuple[str, str], ...] = (
    ("screen_reader", gettext_noop("读屏软件")),
    ("magnifier", gettext_noop("放大设备")),
    ("braille", gettext_noop("盲文材料")),
    ("sign_language", gettext_noop("手语翻译")),
    ("captioning", gettext_noop("文字转写/字幕")),
    ("text_chat", gettext_noop("文字沟通")),
    ("step_free", gettext_noop("无障碍通道")),
    ("accessible_toilet", gettext_noop("无障碍卫生间")),
    ("adjustable_desk", gettext_noop("可调工位")),
    ("seat", gettext_noop("坐姿作业")),
    ("flexible_hours", gettext_noop("弹性工时")),
    ("remote_work", gettext_noop("居家办公")),
    ("job_coach", gettext_noop("就业辅导员")),
    ("visual_alarm", gettext_noop("视觉报警")),
    ("quiet_space", gettext_noop("安静空间")),
    ("assistive_tools", gettext_noop("辅助工具")),
)

# A person's ability for one demand: `with` carries the accommodations, any one of which is
# enough. Demands a person's record does not list are `can`.
ABILITIES: tuple[tuple[str, str], ...] = (
    ("can", gettext_noop("能胜任")),
    ("with", gettext_noop("借助便利条件能胜任")),
    ("cannot", gettext_noop("不能胜任")),
)

CAN, WITH, CANNOT = (code for code, _label in ABILITIES)
# How a posting marks each demand it has.
ESSENTIAL = "essential"
ADJUSTABLE = "adjustable"
REMOTE_WORK = "remote_work"

DEMAND_CODES: tuple[str, ...] = tuple(code for code, _label in DEMANDS)
ACCOMMODATION_CODES: tuple[str, ...] = tuple(code for code, _label in ACCOMMODATIONS)
DEMAND_LABELS: dict[str, str] = dict(DEMANDS)
ACCOMMODATION_LABELS: dict[str, str] = dict(ACCOMMODATIONS)
# Each accommodation's bit in the engine's masks (16 accommodations: one uint16 each).
ACCOMMODATION_BIT: dict[str, int] = {code: 1 << i for i, code in enumerate(ACCOMMODATION_CODES)}
