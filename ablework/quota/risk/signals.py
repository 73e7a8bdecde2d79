"""The eight risk signals: their codes, weights (parameters.py), and the plain Chinese words a
reviewer reads for each raised signal. A raised signal is stored as structured data
(`RaisedSignal.to_json`): its code, weight, the roster lines (0-based) and persons concerned,
and the values its explanation names; the words are made when shown, so they follow the
reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.quota.risk import parameters as p


class SignalCode(StrEnum):
    DOUBLE_COUNTED = "double_counted"
    MINIMUM_WAGE = "minimum_wage"
    RECENT_CERTIFICATE = "recent_certificate"
    DECEMBER_HIRES = "december_hires"
    DISPATCH_AGENCY = "dispatch_agency"
    FAR_WORKPLACE = "far_workplace"
    RETIREMENT = "retirement"
    ROSTER_CHANGE = "roster_change"


WEIGHTS: dict[SignalCode, int] = {
    SignalCode.DOUBLE_COUNTED: p.DOUBLE_COUNTED_WEIGHT,
    SignalCode.MINIMUM_WAGE: p.MINIMUM_WAGE_WEIGHT,
    SignalCode.RECENT_CERTIFICATE: p.RECENT_CERTIFICATE_WEIGHT,
    SignalCode.DECEMBER_HIRES: p.DECEMBER_HIRES_WEIGHT,
    SignalCode.DISPATCH_AGENCY: p.DISPATCH_AGENCY_WEIGHT,
    SignalCode.FAR_WORKPLACE: p.FAR_WORKPLACE_WEIGHT,
    SignalCode.RETIREMENT: p.RETIREMENT_WEIGHT,
    SignalCode.ROSTER_CHANGE: p.ROSTER_CHANGE_WEIGHT,
}

TITLES = {
    SignalCode.DOUBLE_COUNTED: gettext_lazy("同一人同月被两家单位计入"),
    SignalCode.MINIMUM_WAGE: gettext_lazy("残疾职工工资全部恰为最低工资"),
    SignalCode.RECENT_CERTIFICATE: gettext_lazy("入职前不久才办证或升级"),
    SignalCode.DECEMBER_HIRES: gettext_lazy("入职集中在12月"),
    SignalCode.DISPATCH_AGENCY: gettext_lazy("同一派遣单位向多家单位派遣大量残疾人"),
    SignalCode.FAR_WORKPLACE: gettext_lazy("工作地远离户籍所在地"),
    SignalCode.RETIREMENT: gettext_lazy("职工已到或临近法定退休年龄"),
    SignalCode.ROSTER_CHANGE: gettext_lazy("名单与上一年相比变化很大"),
}


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


LEVEL_LABELS = {
    Level.LOW: gettext_lazy("低风险"),
    Level.MEDIUM: gettext_lazy("中风险"),
    Level.HIGH: gettext_lazy("高风险"),
}


def level_of(score: int) -> Level:
    if score >= p.LEVEL_HIGH_FROM:
        return Level.HIGH
    if score >= p.LEVEL_MEDIUM_FROM:
        return Level.MEDIUM
    return Level.LOW


@dataclass
class RaisedSignal:
    code: SignalCode
    lines: list[int] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def weight(self) -> int:
        return WEIGHTS[self.code]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": str(self.code),
            "weight": self.weight,
            "lines": sorted(set(self.lines)),
            "values": self.values,
        }


def _lines_text(lines: list[int]) -> str:
    shown = [str(line + 1) for line in lines[:10]]
    text = "、".join(shown)
    if len(lines) > 10:
        text += _("等")
    return text


def explain(signal: dict[str, Any]) -> str:
    """The plain Chinese explanation of a stored signal (`RaisedSignal.to_json`)."""
    code = SignalCode(signal["code"])
    v = signal.get("values", {})
    lines = _lines_text(list(signal.get("lines", [])))
    if code is SignalCode.DOUBLE_COUNTED:
        return _(
            "第 %(lines)s 行的 %(persons)s 人，在同一个月份（%(months)s）也被其他 "
            "%(employers)s 家单位的申报计入。一个人一个月只能在一家单位计入。"
        ) % {
            "lines": lines,
            "persons": v.get("persons"),
            "months": "、".join(f"{m}月" for m in v.get("months", [])),
            "employers": v.get("employers"),
        }
    if code is SignalCode.MINIMUM_WAGE:
        return _(
            "名单上全部 %(persons)s 名残疾职工，在申报的每个月工资都恰好等于当地当月最低工资"
            "（如 %(minimum)s 元）。真实的工资通常有高有低。"
        ) % {"persons": v.get("persons"), "minimum": v.get("minimum")}
    if code is SignalCode.RECENT_CERTIFICATE:
        return _(
            "第 %(lines)s 行的 %(persons)s 人，残疾人证在合同起始日前后 %(days)s 天内才核发"
            "或评定为更重的等级。"
        ) % {"lines": lines, "persons": v.get("persons"), "days": p.RECENT_CERTIFICATE_DAYS}
    if code is SignalCode.DECEMBER_HIRES:
        return _(
            "%(count)s 名残疾职工（共 %(total)s 名有合同起始日）的合同都从12月开始，"
            "入职集中在年底。"
        ) % {"count": v.get("count"), "total": v.get("total")}
    if code is SignalCode.DISPATCH_AGENCY:
        return _(
            "派遣单位 %(agency)s 在本年度向 %(employers)s 家单位派遣了 %(placements)s 名"
            "残疾人（本申报第 %(lines)s 行）。"
        ) % {
            "agency": v.get("agency"),
            "employers": v.get("employers"),
            "placements": v.get("placements"),
            "lines": lines,
        }
    if code is SignalCode.FAR_WORKPLACE:
        return _(
            "名单上 %(far)s 人（共 %(total)s 人）的户籍在外市或外省，与单位所在地不在同一个"
            "市（直辖市按省）：第 %(lines)s 行。"
        ) % {"far": v.get("far"), "total": v.get("total"), "lines": lines}
    if code is SignalCode.RETIREMENT:
        return _(
            "第 %(lines)s 行的 %(persons)s 人已到或在 %(within)s 个月内将到法定退休年龄"
            "（按延迟退休规定计算的退休月份）。"
        ) % {"lines": lines, "persons": v.get("persons"), "within": p.RETIREMENT_WITHIN_MONTHS}
    return _(
        "与 %(year)s 年度的申报相比，%(changed)s 人新增或离开（两年共 %(total)s 人，"
        "变化 %(share)s%%）。"
    ) % {
        "year": v.get("previous_year"),
        "changed": v.get("changed"),
        "total": v.get("total"),
        "share": v.get("share_percent"),
    }


def title(signal: dict[str, Any]) -> str:
    return str(TITLES[SignalCode(signal["code"])])
