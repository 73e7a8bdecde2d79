"""The demo's review risk: every 济宁 declaration scored, an agency's December placements raising
their signals on three employers, and the riskiest 任城区 declarations drawn for a deeper check,
one with an uploaded contract."""

from __future__ import annotations

import pytest

from ablework.quota.models import DeepCheck, Proof, RiskAssessment

pytestmark = pytest.mark.django_db


def test_the_demo_scores_its_declarations_and_samples_the_riskiest(demo_quota) -> None:
    raised = {
        code
        for signals in RiskAssessment.objects.values_list("signals", flat=True)
        for code in (signal["code"] for signal in signals)
    }
    assert {"dispatch_agency", "december_hires"} <= raised
    agency = [
        row
        for row in RiskAssessment.objects.all()
        if "dispatch_agency" in {signal["code"] for signal in row.signals}
    ]
    assert len(agency) == 3
    assert {row.level for row in agency} == {"medium"}
    assert DeepCheck.objects.exists()
    proof = Proof.objects.get()
    assert proof.kind == "contract"
    assert proof.file.open("rb").read().startswith(b"%PDF-")
