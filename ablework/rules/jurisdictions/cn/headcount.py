"""N — 在职职工年平均人数 (财税〔2015〕72号 Art. 8; rules spec R2.3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction

from ablework.rules.engine.errors import InvalidInput, require_non_negative
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.engine.formulas import FormulaFamily, formula
from ablework.rules.engine.quantities import exact, format_exact_with_fraction, round_fraction
from ablework.rules.engine.text import Text
from ablework.rules.jurisdictions.cn.situations.levy import Headcount

MONTHS_IN_YEAR = 12
HeadcountFormula = Callable[[Evaluation, Headcount, int], Fraction]

annual_average_headcount: FormulaFamily[HeadcountFormula] = FormulaFamily(
    "levy.annual_average_headcount", Text("在职职工年平均人数", "annual average headcount")
)


def check_headcount(headcount: Headcount) -> None:
    """Twelve non-negative monthly counts, or a non-negative annual average."""
    if headcount.monthly is not None:
        if len(headcount.monthly) != MONTHS_IN_YEAR:
            raise InvalidInput(
                "headcount.monthly",
                Text(
                    zh=f"应有12个月的人数，实际为 {len(headcount.monthly)} 个",
                    en=f"needs 12 monthly counts, got {len(headcount.monthly)}",
                ),
            )
        for index, count in enumerate(headcount.monthly):
            if count < 0:
                raise InvalidInput(
                    f"headcount.monthly[{index}]", Text("人数不能为负数", "must not be negative")
                )
    else:
        require_non_negative(headcount, ("annual_average",), prefix="headcount.")


@formula(annual_average_headcount, since=date(2015, 10, 1))
def average_of_monthly_headcounts(
    ctx: Evaluation, headcount: Headcount, dispatched_months: int
) -> Fraction:
    """N = Σ monthly headcount / 12, plus dispatched workers attributed here (72号 Art. 8)."""
    if headcount.monthly is not None:
        own = Fraction(sum(headcount.monthly), MONTHS_IN_YEAR)
        source = Text(
            zh=f"Σ月在职职工人数 / 12 = {sum(headcount.monthly)} / 12",
            en=f"Σ monthly headcount / 12 = {sum(headcount.monthly)} / 12",
        )
    else:
        assert headcount.annual_average is not None
        own = exact(headcount.annual_average)
        source = Text(
            zh=f"申报的年平均人数 {headcount.annual_average}",
            en=f"declared annual average {headcount.annual_average}",
        )
    value = own + Fraction(dispatched_months, MONTHS_IN_YEAR)
    added = Text(
        zh=f" + 计入本单位的派遣残疾职工 {dispatched_months} 人月 / 12",
        en=f" + dispatched disabled workers attributed here {dispatched_months} person-months / 12",
    )
    rounding = ctx.code("levy.annual_average_rounding")
    if rounding == "integer_half_up":
        value = Fraction(round_fraction(value, 0, "half_up"))
    elif rounding != "none":
        raise ValueError(f"unknown annual_average_rounding {rounding!r}")
    shown = format_exact_with_fraction(value)
    ctx.record(
        "annual_average_headcount",
        Text("在职职工年平均人数 N", "annual average headcount N"),
        shown,
        Text(
            zh=f"N = {source.zh}{added.zh if dispatched_months else ''}"
            f"{'，四舍五入取整' if rounding != 'none' else ''} = {shown}",
            en=f"N = {source.en}{added.en if dispatched_months else ''}"
            f"{', rounded half up to an integer' if rounding != 'none' else ''} = {shown}",
        ),
    )
    return value
