"""Each employers row on its own: required cells, GB 32100 credit codes, county and township."""

from __future__ import annotations

from django.utils import translation

from ablework.core.rule_messages import rule_messages
from ablework.employers.imports.catalog import EMPLOYER_CATALOG
from ablework.exchange.cells import folded
from ablework.exchange.choices import FILE_LANGUAGE
from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CellChecker, CheckedRow
from ablework.rules.jurisdictions.cn.identifiers import check_unified_social_credit_code


class EmployerRowChecker(CellChecker):
    """Every cell, then the credit code's GB 32100 check and the county and township named."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, EMPLOYER_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        written = {column for column, _ in checked.problems}
        for key, message in (
            ("name", "请填写单位名称"),
            ("uscc", "请填写统一社会信用代码"),
            ("kind", "请填写单位类型"),
            ("county", "请填写所属县级区划"),
        ):
            if key not in checked.values and self.label(key) not in written:
                checked.problem(self.label(key), message)
        for key in ("uscc", "parent_uscc"):
            code = checked.values.get(key)
            if code:
                result = check_unified_social_credit_code(code)
                if not result.valid:
                    with translation.override(FILE_LANGUAGE):
                        message = rule_messages(result.errors)
                    checked.problem(self.label(key), f"统一社会信用代码不符合GB 32100：{message}")
                else:
                    checked.values[key] = result.code
        self._place(checked)

    def _place(self, checked: CheckedRow) -> None:
        ctx = self.ctx
        text = checked.values.pop("county", None)
        if text is None:
            return
        county = _county_code(text, ctx.counties)
        if county is None:
            checked.problem(
                self.label("county"), f"“{text}”不是已知的县级区划（6位代码或名称，GB/T 2260）"
            )
            return
        checked.values["county_code"] = county
        township = checked.values.pop("township", None)
        if township is not None:
            code = ctx.township_code(county, folded(township))
            if code is None:
                checked.problem(
                    self.label("township"),
                    f"“{township}”不是{ctx.county_name(county)}已登记的乡镇（街道）",
                )
                return
            checked.values["township_code"] = code
        elif ctx.default_township and ctx.default_township[:6] == county:
            checked.values["township_code"] = ctx.default_township


def _county_code(text: str, counties: dict[str, str]) -> str | None:
    """The county's code from its code, its name or both (`370811 任城区`)."""
    text = folded(text).replace(" ", "")
    if text[:6].isdigit():
        code = text[:6]
        return code if code in counties and text[6:] in ("", folded(counties[code])) else None
    named = [code for code, name in counties.items() if folded(name) == text]
    return named[0] if len(named) == 1 else None
