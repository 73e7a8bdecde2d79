"""The demo's local parameter values, recorded as staff would on the 本地参数 page: entered by
one person, approved by a second (maker-checker), each with its reference.

Only figures sourced in docs/rules.md ("Local minimum wages", "Social average wage"); none is
invented. The pending one is a latest-known figure, so approving it in the demo stays right for
every later date (an approved local value applies from its date on, over the shipped YAML)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ablework.accounts.models import User
from ablework.parameters.models import LocalParameterValue
from ablework.parameters.services import approve_local_value, propose_local_value


@dataclass(frozen=True)
class DemoLocalValue:
    name: str
    region: str
    effective_from: date
    value: str
    reference: str
    maker: str  # username
    checker: str | None  # username; None: left waiting for approval (待审核)


# 山东's weighted (全口径) average wage of urban units for 2025, the 98号 figure, as a province's
# staff would record it for the levy's wage cap (docs/rules.md "Social average wage": which
# statistic Shandong uses is not known, so it is not shipped in the YAML files).
SHANDONG_SOCIAL_AVERAGE_WAGE = DemoLocalValue(
    name="wages.social_average_wage",
    region="370000",
    effective_from=date(2026, 8, 14),
    value="91452",  # the parameter is yuan_per_year
    reference=(
        "鲁人社字〔2026〕75号（2026-08-14）公布的2025年全省全口径城镇单位就业人员平均工资 "
        "91,452 元；转引自公开资料，未见原文 [S]"
    ),
    maker="shandong_admin",
    checker="shandong_checker",
)
# Waiting for a second person: 长沙市岳麓区's minimum wage from 2025-09-01 (docs/rules.md,
# "Provincial tiers found"), the latest figure found, so approving it is right from then on. A
# Jining figure would not be: Shandong's 2021 tiers were replaced from 2023-10-01 by figures not
# found, and an approved local value from 2021 would silently apply to 2024 and 2025 too.
YUELU_MINIMUM_WAGE = DemoLocalValue(
    name="wages.minimum_wage_monthly",
    region="430104",
    effective_from=date(2025, 9, 1),
    value="2200",
    reference=(
        "长沙市人社局2025年第1号文件（据 talent-spot.com 转述）：岳麓、芙蓉等第一档区"
        "月最低工资标准 2,200 元，2025-09-01 起；未见原文 [S]"
    ),
    maker="admin",
    checker=None,
)
DEMO_LOCAL_VALUES = (SHANDONG_SOCIAL_AVERAGE_WAGE, YUELU_MINIMUM_WAGE)


def seed_local_values(accounts: dict[str, User]) -> list[LocalParameterValue]:
    """Record DEMO_LOCAL_VALUES through the parameters services (audited), by their makers,
    and approve those with a checker; returns the rows in that order."""
    rows = []
    for item in DEMO_LOCAL_VALUES:
        row = propose_local_value(
            accounts[item.maker],
            name=item.name,
            region=item.region,
            effective_from=item.effective_from,
            value=item.value,
            reference=item.reference,
        )
        if item.checker is not None:
            row = approve_local_value(accounts[item.checker], row.pk)
        rows.append(row)
    return rows
