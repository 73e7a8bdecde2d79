"""The live worksheet: the levy in the declaration form's columns, each step with its value,
explanation and reference, each person's months; and a missing parameter said plainly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.template.loader import render_to_string

from ablework.quota.inputs import DeclarationInput, read_declaration
from ablework.quota.problems import month_spans, months_phrase
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.quota.selectors.worksheet import Worksheet, worksheet_of
from ablework.rules.engine.parameters import ParameterTree
from ablework.rules.jurisdictions.cn import parameter_tree
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import (
    declaration,
    line,
    months,
    with_local_value,
    with_social_average_wage,
)
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)  # the 2024 season: 公告2023年第8号's tiered reduction
TREE = with_social_average_wage("100000")  # cap 200,000: W is the unit's own 60,000


def two_hundred_staff(uscc: str, roster: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    """200 staff every month, wage total 12,000,000 元: W = 12,000,000 / 200 = 60,000 元."""
    return declaration(
        uscc, roster, headcount={"monthly": [200] * 12}, wage_total="12000000.00", **changes
    )


def checked(
    payload: dict[str, Any], tree: ParameterTree = TREE
) -> tuple[DeclarationInput, CheckResult]:
    read = read_declaration(payload)
    from ablework.employers.models import Employer

    employer = Employer.objects.get(uscc=read.employer)
    return read, check_declaration(declaration=read, employer=employer, today=TODAY, tree=tree)


def sheet_of(payload: dict[str, Any], tree: ParameterTree = TREE) -> Worksheet:
    read, result = checked(payload, tree)
    return worksheet_of(result, declaration=read)


@pytest.fixture
def roster_of_two() -> tuple[str, list[dict[str, Any]]]:
    """王一 (grade 3) counts January–June; 王二 (grade 3) is insured January–March only."""
    employer = EmployerFactory()
    one = PersonFactory(name="王一", disability_grade=3)
    two = PersonFactory(name="王二", disability_grade=3)
    roster = [
        line(one.certificate_number, "王一"),
        {**line(two.certificate_number, "王二"), "social_insurance_months": months(1, 2, 3)},
    ]
    return employer.uscc, roster


@pytest.fixture
def sheet(roster_of_two: tuple[str, list[dict[str, Any]]]) -> Worksheet:
    """The worksheet of the two, among 200 staff."""
    uscc, roster = roster_of_two
    return sheet_of(two_hundred_staff(uscc, roster))


@pytest.mark.django_db
def test_the_worksheet_gives_the_levy_in_the_form_columns_worked_out_by_hand(
    sheet: Worksheet,
) -> None:
    # By hand: N = 200 × 12 / 12 = 200; R = 1.5% → N × R = 3
    # D = (6 + 3) person-months / 12 = 0.75; W = 12,000,000 / 200 = 60,000.00
    # col9 = (3 − 0.75) × 60,000 = 135,000.00; D/N = 0.375% < 1% → pay 0.9:
    # col12 = 121,500.00, col10 = 135,000 − 121,500 = 13,500.00
    values = {row.key: row.value for row in sheet.rows}
    assert values == {
        "col4": "12,000,000.00 元",
        "col5": "200 人",
        "col6": "1.5%",
        "col7": "0.75 人",
        "col8": "60,000.00 元",
        "col9": "135,000.00 元",
        "col10": "13,500.00 元",
        "col12": "121,500.00 元",
    }
    assert sheet.levy_due == Decimal("121500.00")
    col7 = sheet.row("col7")
    assert col7 is not None
    assert "D = (非重度 9 人月" in col7.explanation
    assert "财税〔2015〕72号" in col7.reference
    col6 = sheet.row("col6")
    assert col6 is not None
    assert "应安排 3 人" in col6.explanation
    assert "第六条" in col6.reference
    col10 = sheet.row("col10")
    assert col10 is not None
    assert "公告2023年第8号" in col10.reference
    assert sheet.reward is None  # 山东 has no over-quota reward rule
    assert sheet.place == "任城区"

    first, second = sheet.persons
    assert (first.line, first.name, first.person_months) == (0, "王一", 6)
    assert first.certificate.endswith("*" * 14)
    assert first.certificate.startswith("370")
    assert first.counted_text == "1–6月（每月按 1 人计）"
    assert first.not_counted == ()
    assert (second.name, second.person_months, second.counted_text) == (
        "王二",
        3,
        "1–3月（每月按 1 人计）",
    )
    assert [(gap.months_text, gap.reason) for gap in second.not_counted] == [
        ("4–6月", "未足额缴纳社保")
    ]


@pytest.mark.django_db
def test_a_capped_wage_shows_the_cap_row() -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=1)
    payload = two_hundred_staff(employer.uscc, [line(person.certificate_number, "王一")])
    # The social average wage 20,000 caps W at 2 × 20,000 = 40,000 (< the own 60,000).
    sheet = sheet_of(payload, with_social_average_wage("20000"))
    cap = sheet.row("wage_cap")
    assert cap is not None
    assert cap.value == "40,000.00 元"
    assert "2 × 社会平均工资 20000" in cap.explanation
    assert "财政部公告2019年第98号" in cap.reference
    # grade 1 is severe: 6 months × 2 = 12 person-months, D = 1; (3 − 1) × 40,000 = 80,000.00
    # D/N = 0.5% < 1% → × 0.9 = 72,000.00
    assert sheet.levy_due == Decimal("72000.00")
    assert sheet.persons[0].counted_text == "1–6月（每月按 2 人计）"


@pytest.mark.django_db
def test_a_missing_social_average_wage_is_said_plainly_instead_of_numbers(
    roster_of_two: tuple[str, list[dict[str, Any]]],
) -> None:
    uscc, roster = roster_of_two
    sheet = sheet_of(two_hundred_staff(uscc, roster), parameter_tree())  # none shipped
    assert not sheet.computed
    assert sheet.rows == ()
    assert sheet.levy_due is None
    assert "任城区" in sheet.missing
    assert "2024-06-01" in sheet.missing
    assert "当地社会平均工资" in sheet.missing
    assert "wages." not in sheet.missing  # no parameter code
    assert len(sheet.persons) == 2  # the months are still shown
    html = render_to_string("quota/_worksheet.html", {"worksheet": sheet})
    assert sheet.missing in html
    assert "<caption>每名残疾职工计入和未计入的月份</caption>" in html


@pytest.mark.django_db
def test_the_partial_renders_an_accessible_table(sheet: Worksheet) -> None:
    html = render_to_string("quota/_worksheet.html", {"worksheet": sheet})
    assert html.count("<caption") == 2
    for header in ("栏次", "项目", "数值", "计算说明", "依据", "姓名", "证件号码", "计入的月份"):
        assert f'<th scope="col">{header}</th>' in html
    assert '<th scope="row">本期应纳费额</th>' in html
    assert "135,000.00 元" in html
    assert "4–6月：未足额缴纳社保" in html
    assert "<script" not in html
    assert "style=" not in html


def test_months_read_as_spans() -> None:
    assert month_spans([1, 2, 3, 5, 7, 8]) == "1–3月、5月、7–8月"
    spread = ["2025-01", "2025-02", "2025-12", "2026-01"]
    assert months_phrase(spread) == "2025年1–2月、12月；2026年1月"


@pytest.mark.django_db
def test_the_reward_row_where_the_province_has_one() -> None:
    """湖南 rewards the excess over the quota (rules.md §4)."""
    employer = EmployerFactory(county_code="430102")
    person = PersonFactory(name="王一", disability_grade=3)
    roster = [line(person.certificate_number, "王一", wage="3000.00", months_=range(1, 13))]
    payload = declaration(
        employer.uscc, roster, headcount={"monthly": [40] * 12}, wage_total="2400000.00"
    )
    tree = with_local_value(
        "wages.minimum_wage_monthly",
        "1700",
        "430102",
        with_social_average_wage("100000", county="430102"),
    )
    sheet = sheet_of(payload, tree)
    # By hand: N = 40, R = 1.5% → N × R = 0.6; D = 12 / 12 = 1 ≥ 0.6: no levy.
    # 湖南: reward = (1 − 0.6) × monthly minimum wage 1,700 × 6 = 4,080.00 元
    assert sheet.levy_due == Decimal("0.00")
    assert sheet.reward is not None
    assert sheet.reward.value == "4,080.00 元"
    assert "超比例人数 0.4 × 月最低工资 1700 × 6" in sheet.reward.explanation
    assert "湖南省" in sheet.reward.reference
    col9 = sheet.row("col9")
    assert col9 is not None
    assert "已达到规定比例" in col9.explanation
