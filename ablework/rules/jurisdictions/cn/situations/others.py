"""The identifier, retirement, concentrated-employment and organ-mandate situations."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, StrictBool, StrictInt, StrictStr

from ablework.rules.jurisdictions.cn.situations.fields import STRICT, DecimalString, IsoDate, Month


class ResidentIdSituation(BaseModel):
    """GB 11643 citizen identity number."""

    model_config = STRICT
    rule: Literal["resident-id"]
    number: StrictStr


class DisabilityCertificateSituation(BaseModel):
    """第二代残疾人证号 (20 characters)."""

    model_config = STRICT
    rule: Literal["disability-certificate"]
    number: StrictStr


class RetirementSituation(BaseModel):
    """Statutory retirement under the 2025 gradual reform."""

    model_config = STRICT
    rule: Literal["retirement"]
    sex: Literal["male", "female"]
    birth_month: Month
    retirement_base_age: StrictInt | None = None


class ConcentratedEmploymentSituation(BaseModel):
    """集中就业 VAT refund for one month (财税〔2016〕52号)."""

    model_config = STRICT
    rule: Literal["concentrated-employment"]
    jurisdiction: str
    month: Month
    unit_type: Literal["ordinary", "blind_massage"]
    staff: StrictInt
    disabled: StrictInt
    minimum_wage_monthly: DecimalString | None = None
    vat_paid: DecimalString


class OrganMandateSituation(BaseModel):
    """机关/事业单位 leading-by-example placement (残联发〔2021〕51号)."""

    model_config = STRICT
    rule: Literal["organ-mandate"]
    as_of: IsoDate
    unit_kind: Literal["organ", "institution", "disabled_persons_federation"]
    administrative_level: Literal["province", "prefecture", "county", "township"]
    authorized_size: StrictInt
    is_school_or_kindergarten: StrictBool = False
    staff: StrictInt
    disabled_staff: StrictInt
