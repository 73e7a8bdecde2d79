"""The demo's review risk (issue 11): a dispatch agency that places twelve disabled workers,
all hired in December, with three employers of 任城区 and 微山县 (declarations submitted for
2025), the risk scores of every 济宁 declaration computed as the scoring job does, the riskiest
declarations of 任城区 drawn for a deeper check, and a contract uploaded as proof for the first
of them. 济宁's 2025 minimum wage is not known (docs/rules.md), so the minimum-wage signal
cannot be raised in the demo's 2025 declarations; it is left unraised, not invented."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.files.storage import default_storage

from ablework.accounts.models import User
from ablework.demo.rosters import ASSESSED_ON, Employee, HolderPool, submit_as
from ablework.employers.models import Employer
from ablework.quota.inputs import DispatchInput
from ablework.quota.models import Declaration, EmploymentForm, RosterLine
from ablework.quota.services.risk import score_year
from ablework.quota.services.sample import draw_sample, upload_proof
from ablework.registry.models import Person

# A one-page PDF (the demo's scanned contract).
DEMO_PROOF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HOSTS = (("370811", 2), ("370826", 1))
PER_HOST = 4


def seed_risk_demo(accounts: dict[str, User]) -> Declaration | None:
    """The agency's placements, the scores, the sample and its proof; returns the sampled
    declaration with the proof (None when the demo data has no room for the hosts)."""
    declared = Declaration.objects.filter(levy_year=2025).values("employer_id")
    hosts: list[Employer] = []
    for county, count in HOSTS:
        hosts += list(
            Employer.objects.filter(county_code=county, kind="enterprise")
            .exclude(pk__in=declared)
            .order_by("-pk")[:count]
        )
    agency = (
        Employer.objects.filter(county_code="370811", kind="enterprise")
        .exclude(pk__in=[host.pk for host in hosts])
        .order_by("-pk")
        .first()
    )
    if len(hosts) < sum(count for _c, count in HOSTS) or agency is None:
        return None
    on_rosters = RosterLine.objects.values("certificate_hash")
    pool = HolderPool(
        set(Person.objects.filter(certificate_hash__in=on_rosters).values_list("pk", flat=True))
    )
    reviewer, city = accounts["rencheng_admin"], accounts["jining_admin"]
    for host in hosts:
        employees = [
            Employee(
                person=pool.take(host.county_code),
                form=EmploymentForm.DISPATCHED,
                contract=(date(2024, 12, 2 + n), None),
                wage=Decimal("2100.00"),
                dispatch=DispatchInput(agency=agency.uscc, agreement_assigns_to="host"),
            )
            for n in range(PER_HOST)
        ]
        submit_as(city, host, 2025, employees)
    score_year(2025, "3708", today=ASSESSED_ON)
    drawn = draw_sample(actor=reviewer, county="370811")
    if not drawn:
        return None
    first = drawn[0]
    upload_proof(
        actor=reviewer,
        declaration_id=first.pk,
        kind="contract",
        line=0,
        name="劳务派遣协议及劳动合同.pdf",
        size=len(DEMO_PROOF),
        content=io.BytesIO(DEMO_PROOF),
    )
    assert default_storage.exists(str(first.proofs.get().file.name))
    return first
