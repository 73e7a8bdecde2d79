"""Labour dispatch: which unit counts a dispatched disabled worker (98号 item 2; 63号 一(三))."""

from __future__ import annotations

from dataclasses import dataclass

from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.situations.levy import Dispatch

DISPATCH_RULES = ("dispatching_agency", "both", "disabled_only", "social_insurance_payer")


@dataclass(frozen=True)
class Attribution:
    """Whether a month of a worker counts at the host unit, in D and in N."""

    counts_here: bool
    adds_to_headcount: bool
    reason: Text | None = None


OWN_STAFF = Attribution(counts_here=True, adds_to_headcount=False)


def attribute_dispatched_month(
    rule: str, dispatched: Dispatch | None, social_insurance_paid: bool | None
) -> Attribution:
    """Attribution of one month at the host unit under the dispatch rule in force."""
    if dispatched is None:
        return OWN_STAFF
    to_host = dispatched.agreement_assigns_to == "host"
    if rule == "both" and to_host:
        return Attribution(True, True)
    if rule == "disabled_only" and to_host:
        return Attribution(True, False)
    if rule == "social_insurance_payer":
        if social_insurance_paid is False:
            return Attribution(
                False,
                False,
                Text("派遣：社会保险非本单位缴纳", "dispatched: insured by another unit"),
            )
        return Attribution(True, True)
    if rule not in DISPATCH_RULES:
        raise ValueError(f"unknown dispatch rule {rule!r}")
    return Attribution(
        False, False, Text("派遣：计入派遣单位", "dispatched: counted at the dispatching agency")
    )
