"""What the demo adds for the federation's review (issue 11), on top of its declarations
(ablework/demo/declarations.py), through the same services staff use:

- 微山县's certified 2025 declaration, whose 审核确认书 had been issued, corrected by 济宁市's
  administrator with a reason (the wage total, after the employer's audited accounts): the
  original kept as 已更正, the certificate issued again, the old one superseded on /verify/;
- reminders for 2025 sent by 任城区's administrator to the county's employers that have not
  complied (not declared, a draft not submitted, returned and not resubmitted);
- two credit entries: the faked placement that 微山县's rejection proposed, confirmed by
  济宁市's administrator, and a non-payment of 微山县's certified 2023 levy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from ablework.accounts.models import User
from ablework.quota.models import CreditEntry, CreditStatus, Declaration, ReminderRound
from ablework.quota.services.certificate import issue_certificate
from ablework.quota.services.correction import CorrectionChanges, correct_declaration
from ablework.quota.services.credit import decide_entry, record_entry
from ablework.quota.services.reminders import send_reminders

# Where the demo's certificates' QR codes point (the demo serves on this address by default).
DEMO_BASE_URL = settings.PUBLIC_BASE_URL or "http://127.0.0.1:8000"
# The employer's audited accounts add the fourth quarter's performance pay it had left out.
CORRECTED_WAGE_FACTOR = Decimal("1.04")
CORRECTION_REASON = (
    "用人单位补报经审计的2025年度财务报告，原申报的在职职工工资总额漏计第四季度绩效工资，"
    "按审计报告更正工资总额"
)


@dataclass(frozen=True)
class DemoReview:
    corrected: Declaration  # the original, kept as corrected
    correction: Declaration  # the corrected, certified copy
    reminders: ReminderRound
    fake_placement: CreditEntry
    non_payment: CreditEntry


def seed_review_demo(
    accounts: dict[str, User], *, certified: Declaration, certified_2023: Declaration
) -> DemoReview:
    city_admin, county_admin = accounts["jining_admin"], accounts["rencheng_admin"]
    employer_user_of = next(
        (user for user in accounts.values() if user.employer_id == certified.employer_id),
        city_admin,
    )
    # the employer had downloaded its certificate before the correction
    issue_certificate(actor=employer_user_of, declaration_id=certified.pk, base_url=DEMO_BASE_URL)
    assert certified.wage_total is not None
    corrected = correct_declaration(
        actor=city_admin,
        declaration_id=certified.pk,
        version=certified.version,
        reason=CORRECTION_REASON,
        changes=CorrectionChanges(
            wage_total=(certified.wage_total * CORRECTED_WAGE_FACTOR).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
        ),
        base_url=DEMO_BASE_URL,
    )
    reminders = send_reminders(actor=county_admin, year=certified.levy_year, area="370811")
    proposed = CreditEntry.objects.get(status=CreditStatus.PROPOSED, kind="fake_placement")
    fake = decide_entry(actor=city_admin, entry_id=proposed.pk, record=True)
    levy = certified_2023.rules_trace.get("levy_due", "0.00")
    non_payment = record_entry(
        actor=city_admin,
        employer_id=certified_2023.employer_id,
        kind="non_payment",
        facts=(
            f"{certified_2023.levy_year} 年度经审核确认应缴残疾人就业保障金 {levy} 元，"
            "经税务机关催缴，逾期仍未缴纳"
        ),
        levy_year=certified_2023.levy_year,
    )
    certified.refresh_from_db()
    return DemoReview(
        corrected=certified,
        correction=corrected.declaration,
        reminders=reminders,
        fake_placement=fake,
        non_payment=non_payment,
    )
