"""The quota part of the audit day (tests/core/audit_day.py): an employer's 2025 declaration
checked, submitted, returned, resubmitted, certified (its 审核确认书 downloaded) and corrected;
another's opened as a draft, submitted and rejected; the credit entries, their export and the
year's reminders; the certified employer registered as a 福利企业 with its VAT; the year's risk
scores, a sampled declaration's proof and outcome, and the low-risk ones certified in bulk — each
by the services and pages staff use."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.test import Client

from ablework.accounts.models import User
from ablework.concentrated.services import UnitDetails, record_vat, register_unit, update_unit
from ablework.employers.models import Employer
from ablework.quota.inputs import Headcount, read_declaration
from ablework.quota.models import CreditEntry, CreditKind, RejectionKind
from ablework.quota.services import check_for, submit_declaration
from ablework.quota.services.bulk import certify_low_risk
from ablework.quota.services.correction import CorrectionChanges, correct_declaration
from ablework.quota.services.credit import decide_entry, export_entries, record_entry
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft, submit_draft
from ablework.quota.services.reminders import send_reminders
from ablework.quota.services.review import (
    certify_declaration,
    reject_declaration,
    resubmit_declaration,
    return_declaration,
)
from ablework.quota.services.risk import score_year
from ablework.quota.services.sample import draw_sample, open_proof, record_outcome, upload_proof
from tests.exchange.files import import_file, write_csv
from tests.helpers import signed_in
from tests.quota.risk_rosters import entry, numbers, stored
from tests.registry.conftest import OWN_COUNTY


def quota_day(
    *, admin: User, counsellor: User, staff: Client, employer: Employer, tmp_path: Path
) -> None:
    """The quota declarations' actions of the day, in the order the day has always done them
    (the county's levy season later assesses the certified declaration made here)."""
    # that employer's quota declaration for 2025, checked, then submitted by the counsellor,
    # who reads it back through the API
    declared = {"employer": employer.uscc, "levy_year": 2025, "wage_total": "3600000.00"}
    filed = read_declaration({**declared, "headcount": {"monthly": [60] * 12}})
    check_for(actor=counsellor, declaration=filed)
    row, _ = submit_declaration(actor=counsellor, declaration=filed)
    # the county returns it, the counsellor resubmits it, the county certifies it; another
    # employer's declaration is rejected
    row = return_declaration(actor=admin, declaration_id=row.pk, version=row.version, reason="补")
    row, _ = resubmit_declaration(
        actor=counsellor, declaration_id=row.pk, version=row.version, declaration=filed
    )
    row = certify_declaration(actor=admin, declaration_id=row.pk, version=row.version)
    assert staff.get(f"/api/v1/quota/declarations/{row.pk}").status_code == 200
    # its 审核确认书 downloaded, then the certified declaration corrected with a reason: the
    # certificate issued again supersedes the first
    assert signed_in(admin).post(f"/quota/declarations/{row.pk}/certificate/").status_code == 200
    corrected = correct_declaration(
        actor=admin,
        declaration_id=row.pk,
        version=row.version,
        reason="工资总额录入有误",
        changes=CorrectionChanges(wage_total=Decimal("3500000.00")),
        base_url="http://testserver",
    )
    row = corrected.declaration
    other = Employer.objects.filter(county_code=OWN_COUNTY).exclude(pk=employer.pk).first()
    assert other is not None
    # opened as a draft on its pages, saved with its figures, then submitted
    row = open_declaration(actor=counsellor, uscc=other.uscc, levy_year=2025)
    figures = DraftChanges(
        headcount=Headcount(monthly=(60,) * 12), wage_total=Decimal("3600000.00")
    )
    row, _ = save_draft(actor=counsellor, declaration_id=row.pk, version=1, changes=figures)
    row, _ = submit_draft(actor=counsellor, declaration_id=row.pk, version=row.version)
    reject_declaration(
        actor=admin,
        declaration_id=row.pk,
        version=row.version,
        reason="虚报",
        reason_kind=RejectionKind.FAKE_PLACEMENT,
    )
    # the credit entry that rejection proposed confirmed; another recorded by hand for an
    # unpaid levy; the entries exported for the credit platform; the year's reminders sent
    proposed = CreditEntry.objects.get(declaration=row)
    decide_entry(actor=admin, entry_id=proposed.pk, record=True)
    record_entry(
        actor=admin, employer_id=other.pk, kind=CreditKind.NON_PAYMENT, facts="拒缴", levy_year=2024
    )
    export_entries(actor=admin, form="csv", out=io.BytesIO())
    send_reminders(actor=admin, year=2025, area=OWN_COUNTY)
    # the certified employer registered as a 福利企业, changed, its VAT of two months entered,
    # a third month imported from the tax bureau's file, and the tax bureau's list downloaded
    unit = register_unit(
        actor=admin,
        uscc=employer.uscc,
        details=UnitDetails(unit_type="ordinary", recognised_from=date(2024, 1, 1)),
    )
    unit = update_unit(
        actor=admin,
        unit_id=unit.pk,
        version=unit.version,
        details=UnitDetails(unit_type="blind_massage", recognised_from=date(2024, 3, 1)),
    )
    record_vat(
        actor=admin,
        unit_id=unit.pk,
        version=unit.version,
        year=2025,
        amounts={1: Decimal("1200.00"), 2: Decimal("980.50")},
    )
    vat = [[employer.uscc, employer.name, "2025-03", "1300.00"]]
    vat_columns = ["纳税人识别号", "纳税人名称", "税款所属期", "实缴增值税"]
    vat_file = write_csv(tmp_path / "vat.csv", vat, vat_columns)
    import_file(admin, vat_file, kind="concentrated_vat")
    assert (
        signed_in(admin).post("/concentrated/list/export.csv", {"year": "2025"}).status_code == 200
    )
    # the year's risk scores computed for the county (the review queue's order); the riskiest
    # declaration drawn for a deeper check, a proof uploaded and opened, the outcome recorded;
    # the county's low-risk declarations certified in bulk
    pair = Employer.objects.filter(county_code=OWN_COUNTY).exclude(pk__in=[employer.pk, other.pk])
    risky_employer, quiet_employer = pair.order_by("pk")[:2]
    risky = stored(
        risky_employer, [entry(n, wage="1900.00") for n in numbers(2, prefix="3708112099")]
    )
    quiet = stored(quiet_employer, [entry(n) for n in numbers(2, prefix="3708112098")])
    score_year(2023, OWN_COUNTY)
    draw_sample(actor=admin, county=OWN_COUNTY)
    proof = upload_proof(
        actor=admin,
        declaration_id=risky.pk,
        kind="contract",
        line=0,
        name="合同.pdf",
        size=9,
        content=io.BytesIO(b"%PDF-1.4\n"),
    )
    open_proof(actor=admin, declaration_id=risky.pk, proof_id=proof.pk)
    record_outcome(
        actor=admin, declaration_id=risky.pk, version=1, outcome="confirmed", note="材料齐全"
    )
    certify_low_risk(actor=admin, county=OWN_COUNTY, items=[(quiet.pk, quiet.version)])
