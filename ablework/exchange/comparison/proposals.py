"""What a department's record suggests for a registry person, if it is not already so.

- 民政 death list: the certificate is marked deceased;
- 低保 list: the 低保家庭 flag is opened;
- social insurance contributors: employed — by a unit (按比例就业), or flexibly when insured as a
  flexible worker;
- market-registration of individual businesses: employed, self-employed (个体就业).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ablework.exchange.models import BatchKind, ComparisonProposal, ProposalChange
from ablework.registry.models import (
    CertificateStatus,
    EmploymentKind,
    EmploymentStatus,
    FlagKind,
    Person,
)

DEPARTMENT_NAMES = {
    BatchKind.DEATHS: "民政死亡人员名单",
    BatchKind.MINIMUM_LIVING_ALLOWANCE: "民政低保对象名单",
    BatchKind.SOCIAL_INSURANCE: "社会保险参保缴费名单",
    BatchKind.BUSINESS_REGISTRATION: "个体工商户登记名单",
}


def propose(
    *,
    kind: str,
    person: Person,
    values: dict[str, Any],
    row_number: int,
    on: date,
    open_flags: set[str],
) -> ComparisonProposal | None:
    """The proposal the record makes for `person`, or None when the registry already agrees."""
    proposal = ComparisonProposal(
        person=person,
        county_code=person.county_code,
        row_number=row_number,
        effective_on=values.get("event_date") or on,
        evidence=f"{DEPARTMENT_NAMES[BatchKind(kind)]}第{row_number}行",
    )
    if kind == BatchKind.DEATHS:
        made = _deceased(proposal, person)
    elif kind == BatchKind.MINIMUM_LIVING_ALLOWANCE:
        made = _minimum_living_allowance(proposal, open_flags)
    else:
        made = _employed(proposal, person, kind, values)
    if not made:
        return None
    name = values.get("name", "")
    if name and name != person.name:
        proposal.warning = (
            f"姓名不一致：部门名单为“{name}”，登记为“{person.name}”，请核实是否同一人"
        )
    return proposal


def _deceased(proposal: ComparisonProposal, person: Person) -> bool:
    if person.certificate_status == CertificateStatus.DECEASED:
        return False
    proposal.change = ProposalChange.DECEASED
    proposal.evidence += f"：死亡日期 {proposal.effective_on:%Y-%m-%d}"
    return True


def _minimum_living_allowance(proposal: ComparisonProposal, open_flags: set[str]) -> bool:
    if FlagKind.MINIMUM_LIVING_ALLOWANCE in open_flags:
        return False
    proposal.change = ProposalChange.FLAG
    proposal.flag_kind = FlagKind.MINIMUM_LIVING_ALLOWANCE
    proposal.evidence += f"：自 {proposal.effective_on:%Y-%m-%d} 享受低保"
    return True


def _employed(
    proposal: ComparisonProposal, person: Person, kind: str, values: dict[str, Any]
) -> bool:
    employment_kind = _employment_kind(kind, values)
    current = (person.employment_status, person.employment_kind)
    if current == (EmploymentStatus.EMPLOYED, employment_kind):
        return False
    proposal.change = ProposalChange.EMPLOYMENT
    proposal.employment_kind = employment_kind
    proposal.employer_name = values.get("organisation", "")
    unit = proposal.employer_name or "（未写单位）"
    proposal.evidence += f"：{unit}，自 {proposal.effective_on:%Y-%m-%d}"
    return True


def _employment_kind(kind: str, values: dict[str, Any]) -> str:
    if kind == BatchKind.BUSINESS_REGISTRATION:
        return EmploymentKind.SELF_EMPLOYED
    insured_as = values.get("insured_as", "")
    if "灵活" in insured_as or ("个体" in insured_as and not values.get("organisation")):
        return EmploymentKind.FLEXIBLE
    return EmploymentKind.QUOTA
