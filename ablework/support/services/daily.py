"""The daily refresh of employment services (`ablework support refresh`, or its job): first the
recognitions of employment difficulty whose validity has passed are ended (and their registry
flags), and the zero-employment households whose registered member found work in the registry
are resolved (their members' flags end); then the queue's rows are brought up to date, so its
就业困难人员 and 零就业家庭 filters follow."""

from __future__ import annotations

from datetime import date

from ablework.support.services.cases import refresh_region
from ablework.support.services.difficulty import expire_recognitions
from ablework.support.services.households import resolve_from_registry


def daily_refresh(*, region_code: str = "", on: date) -> str:
    """Run the day's refresh of a region (all, when empty); what was done, in words."""
    expired = expire_recognitions(region_code=region_code, on=on)
    resolved = resolve_from_registry(region_code=region_code, on=on)
    written = refresh_region(region_code=region_code, on=on)
    summary = f"已更新 {written} 人的“四个一”服务情况。"
    if expired:
        summary += f"{expired} 人的就业困难人员认定有效期届满，已结束。"
    if resolved:
        summary += f"{resolved} 户零就业家庭已有成员就业（实名制信息库）。"
    return summary


def daily_job(region_code: str, on: str) -> str:
    """The work of the daily refresh job (jobs.services.enqueue_job)."""
    return daily_refresh(region_code=region_code, on=date.fromisoformat(on))
