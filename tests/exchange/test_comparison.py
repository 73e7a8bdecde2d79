"""Another department's list proposes changes for registry persons; a reviewer accepts or
rejects each one; nothing is applied silently."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from ablework.core.models import AuditRecord
from ablework.exchange.models import ComparisonProposal, ImportBatch, ProposalStatus
from ablework.registry.models import CertificateEvent, EmploymentPeriod, Person, PersonFlag
from tests.exchange.files import person_rows, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def _upload(client: Client, kind: str, path) -> ImportBatch:
    with path.open("rb") as handle:
        response = client.post("/imports/compare/", {"kind": kind, "file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk")


def _residents(count: int, **filters) -> list[Person]:
    return list(Person.objects.filter(county_code="370811", **filters).order_by("pk")[:count])


def test_a_death_list_proposes_and_only_a_reviewer_applies_it(client, tmp_path):
    # given a civil-affairs death list naming two registry persons and one stranger
    dead = _residents(2, certificate_status="valid")
    stranger = person_rows(1, seed=77)[0]
    rows = [[p.name, p.resident_id, "2026-02-01"] for p in dead] + [[stranger[0], stranger[1], ""]]
    batch = _upload(
        client, "deaths", write_csv(tmp_path / "deaths.csv", rows, ["姓名", "身份证号", "死亡日期"])
    )
    # then two proposals wait, the stranger is only counted, nobody has changed yet
    batch.refresh_from_db()
    assert (batch.proposals_made, batch.rows_unmatched) == (2, 1)
    assert all(Person.objects.get(pk=p.pk).certificate_status == "valid" for p in dead)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert dead[0].name in page
    assert "已死亡" in page
    # when the reviewer accepts the first and rejects the second
    first, second = ComparisonProposal.objects.filter(batch=batch).order_by("row_number")
    client.post(f"/imports/{batch.pk}/decide/", {"one": f"accept:{first.pk}"})
    client.post(f"/imports/{batch.pk}/decide/", {"one": f"reject:{second.pk}"})
    # then only the accepted one changed, each decision is audited with the list it came from
    assert Person.objects.get(pk=dead[0].pk).certificate_status == "deceased"
    assert Person.objects.get(pk=dead[1].pk).certificate_status == "valid"
    accepted = AuditRecord.objects.get(action="registry.person.comparison_accept")
    assert accepted.changes == {
        "certificate_status": ["valid", "deceased"],
        "certificate_event": [None, "持证人死亡"],
    }
    # and the certificate history holds the death from the list's date, for the quota check
    death = CertificateEvent.objects.get(person=dead[0], kind="holder_died")
    assert (death.effective_on, death.source) == (date(2026, 2, 1), "comparison")
    assert death.recorded_by is not None
    assert accepted.detail["file_name"] == "deaths.csv"
    assert AuditRecord.objects.filter(action="exchange.comparison.reject").count() == 1
    assert set(ComparisonProposal.objects.values_list("status", flat=True)) == {
        ProposalStatus.ACCEPTED,
        ProposalStatus.REJECTED,
    }


def test_a_minimum_living_allowance_list_opens_the_flag_in_bulk(client, tmp_path):
    persons = _residents(3)
    rows = [[p.name, p.resident_id, "2025-07"] for p in persons]
    batch = _upload(
        client,
        "minimum_living_allowance",
        write_xlsx(tmp_path / "dibao.xlsx", rows, ["姓名", "公民身份号码", "享受低保起始日期"]),
    )
    ids = list(batch.proposals.values_list("pk", flat=True))
    client.post(
        f"/imports/{batch.pk}/decide/", {"proposals": ids, "decision": "accept", "note": "核实无误"}
    )
    flags = PersonFlag.objects.filter(
        person__in=persons, kind="minimum_living_allowance", ended_on__isnull=True
    )
    assert flags.count() == 3
    assert {flag.started_on.isoformat() for flag in flags} == {"2025-07-01"}


def test_social_insurance_and_business_lists_propose_employment_with_history(client, tmp_path):
    insured, owner = _residents(2, employment_status__in=["unemployed", "not_seeking", "unable"])
    status_before = insured.employment_status
    insurance = _upload(
        client,
        "social_insurance",
        write_csv(
            tmp_path / "si.csv",
            [[insured.name, insured.resident_id, "济宁某某机械有限公司", "企业职工", "2026-01"]],
            ["姓名", "公民身份号码", "参保单位", "参保身份", "参保日期"],
        ),
    )
    business = _upload(
        client,
        "business_registration",
        write_csv(
            tmp_path / "biz.csv",
            [[owner.name + "X", owner.resident_id, "任城区某某便利店", "2026-02-01"]],
            ["姓名", "公民身份号码", "个体工商户名称", "登记日期"],
        ),
    )
    proposal = business.proposals.get()
    assert "姓名不一致" in proposal.warning
    for batch in (insurance, business):
        client.post(
            f"/imports/{batch.pk}/decide/",
            {"proposals": list(batch.proposals.values_list("pk", flat=True)), "decision": "accept"},
        )
    insured.refresh_from_db()
    owner.refresh_from_db()
    assert (insured.employment_status, insured.employment_kind) == ("employed", "quota")
    assert (owner.employment_status, owner.employment_kind) == ("employed", "self_employed")
    periods = EmploymentPeriod.objects.filter(person=insured).order_by("id")
    assert [p.status for p in periods] == [status_before, "employed"]
    assert periods.last().employer_name == "济宁某某机械有限公司"
    assert periods.first().ended_on is not None


def test_persons_of_another_county_are_not_matched(client, tmp_path):
    other = Person.objects.filter(county_code="370826").first()
    batch = _upload(
        client,
        "deaths",
        write_csv(tmp_path / "d.csv", [[other.name, other.resident_id]], ["姓名", "身份证号"]),
    )
    batch.refresh_from_db()
    assert (batch.proposals_made, batch.rows_unmatched) == (0, 1)


def test_a_person_already_as_the_list_says_gets_no_proposal(client, tmp_path):
    person = _residents(1)[0]
    person.certificate_status = "deceased"
    person.save()
    batch = _upload(
        client,
        "deaths",
        write_csv(tmp_path / "d.csv", [[person.name, person.resident_id]], ["姓名", "身份证号"]),
    )
    batch.refresh_from_db()
    assert batch.proposals_made == 0
