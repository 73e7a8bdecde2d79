"""Situations beyond the contract's list: the USCC check and region-code lookup."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, StrictStr

from ablework.rules.jurisdictions.cn.situations.fields import STRICT


class CreditCodeSituation(BaseModel):
    """统一社会信用代码 (GB 32100)."""

    model_config = STRICT
    rule: Literal["unified-social-credit-code"]
    code: StrictStr


class RegionCodeSituation(BaseModel):
    """A GB/T 2260 region code."""

    model_config = STRICT
    rule: Literal["region-code"]
    code: StrictStr
