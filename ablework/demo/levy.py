"""The demo's levy season (after the declarations, ablework/demo/declarations.py): 济宁's 2024
and 2025 assessments run by `shandong_admin` on the demo's day, the 2025 tax bureau's list
exported and marked as sent, and the bureau's collected amounts recorded for some employers —
the 2025 levy of one employer paid in part (济宁's 2024 levy, of a certified employer that met
its quota, is nothing) — so the fund's figures show something outstanding.

No 联网认证 deadline is recorded for 济宁 (no published 山东/济宁 2026 deadline was found to
source one; docs/levy.md), so the run page says plainly that deemed-none was not applied and
how many employers without a certified declaration were left unassessed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ablework.accounts.models import User
from ablework.demo.rosters import ASSESSED_ON
from ablework.levy.models import Assessment, AssessmentRun
from ablework.levy.services.assessment import assess_season
from ablework.levy.services.collected import PlannedPayment, write_payments
from ablework.levy.services.tax_list import export_tax_list, mark_sent

CITY = "370800"


@dataclass(frozen=True)
class DemoLevy:
    runs: list[AssessmentRun]


def seed_levy_demo(accounts: dict[str, User]) -> DemoLevy:
    """Assess 2024 and 2025, export and send the 2025 list, record some payments."""
    staff = accounts["shandong_admin"]
    runs = [
        assess_season(actor=staff, levy_year=year, region_code=CITY, assessed_on=ASSESSED_ON)
        for year in (2024, 2025)
    ]
    built = export_tax_list(actor=staff, run=runs[1])
    if built.export is not None:
        mark_sent(actor=staff, export=built.export)
    payments = []
    for run, share in ((runs[0], Decimal(1)), (runs[1], Decimal("0.6"))):
        due = (
            Assessment.objects.filter(run=run, levy_due__gt=0)
            .select_related("employer")
            .order_by("employer_id")
            .first()
        )
        if due is None or due.levy_due is None:
            continue
        payments.append(
            PlannedPayment(
                employer_id=due.employer_id,
                county_code=due.county_code,
                levy_year=due.levy_year,
                amount=(due.levy_due * share).quantize(Decimal("0.01")),
                paid_on=date(2026, 9, 15),
                voucher=f"3370162609{due.employer_id:08d}",
                label=due.employer.name,
            )
        )
    write_payments(actor=staff, payments=payments, batch_id=None, detail={"demo": True})
    return DemoLevy(runs=runs)
