"""`quota check` on constructed rosters: every problem code, the month-level result, and the
levy worked out by hand beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ablework.demo.synthetic import resident_id_with_check
from ablework.quota.inputs import read_declaration
from ablework.quota.services import check_for, submit_declaration
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, months, with_social_average_wage
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)  # assessed in the 2024 season: the 2023 公告8号 tiered reduction
TREE = with_social_average_wage("100000")  # cap ≥ 200,000: W is the unit's own 60,000


def check(payload: dict[str, Any]) -> dict[str, Any]:
    return check_for(
        actor=None, declaration=read_declaration(payload), today=TODAY, tree=TREE
    ).to_json()


def codes_by_line(result: dict[str, Any]) -> dict[int, set[tuple[str, tuple[str, ...]]]]:
    found: dict[int, set[tuple[str, tuple[str, ...]]]] = {}
    for problem in result["problems"]:
        found.setdefault(problem["line"], set()).add((problem["code"], tuple(problem["months"])))
    return found


def counted_by_line(result: dict[str, Any]) -> dict[int, list[tuple[str, int]]]:
    found: dict[int, list[tuple[str, int]]] = {}
    for item in result["counted"]:
        found.setdefault(item["line"], []).append((item["month"], item["weight"]))
    return found


def veteran_id(born: date, order: int = 11) -> str:
    return resident_id_with_check(f"370811{born:%Y%m%d}{order:03d}")


@pytest.mark.django_db
def test_every_not_counted_and_warning_code_on_one_roster() -> None:
    employer = EmployerFactory()
    other = EmployerFactory()
    plain = PersonFactory(name="王一", disability_grade=3)
    expiring = PersonFactory(
        name="王二", disability_grade=3, certificate_valid_until=date(2023, 3, 31)
    )
    retiring = PersonFactory(name="王三", disability_grade=3, birth_date=date(1963, 4, 10))
    young = PersonFactory(name="王四", disability_grade=3, birth_date=date(2007, 3, 5))
    low_paid = PersonFactory(name="王五", disability_grade=3)
    autumn = PersonFactory(name="王六", disability_grade=3)
    short = PersonFactory(name="王七", disability_grade=3)
    uninsured = PersonFactory(name="王八", disability_grade=3)
    elsewhere = PersonFactory(name="王九", disability_grade=3)
    dispatched = PersonFactory(name="王十", disability_grade=3)
    renamed = PersonFactory(name="李四", disability_grade=3)
    # The other employer filed first, counting 王九 in January–March.
    submit_declaration(
        actor=None,
        declaration=read_declaration(
            declaration(
                other.uscc, [line(elsewhere.certificate_number, "王九", months_=range(1, 4))]
            )
        ),
        today=TODAY,
    )
    roster = [
        line(plain.certificate_number, "王一"),  # 0
        line("37081119800101001X11", "查无此人"),  # 1
        line(expiring.certificate_number, "王二"),  # 2
        {  # 3
            **line("军残字第000009号", "赵九", employment_form="established"),
            "certificate_kind": "veteran",
            "grade": 9,
            "resident_id": veteran_id(date(1980, 1, 1)),
        },
        {  # 4
            **line("军残字第000002号", "赵二", employment_form="established"),
            "certificate_kind": "veteran",
            "grade": 2,
            "resident_id": veteran_id(date(1980, 1, 1), 13),
        },
        line(retiring.certificate_number, "王三"),  # 5
        line(young.certificate_number, "王四"),  # 6
        {  # 7: 1,800 元 in January–March, under 任城区's 1,900 元
            **line(low_paid.certificate_number, "王五"),
            "wages": {
                m: ("1,800元" if m <= "2023-03" else "2000.00") for m in months(*range(1, 7))
            },
        },
        line(autumn.certificate_number, "王六", months_=range(10, 13)),  # 8
        line(
            short.certificate_number, "王七", contract_start="2023-01-01", contract_end="2023-06-30"
        ),  # 9
        {
            **line(uninsured.certificate_number, "王八"),
            "social_insurance_months": months(1, 2, 3),
        },  # 10
        line(elsewhere.certificate_number, "王九"),  # 11
        line(  # 12
            dispatched.certificate_number,
            "王十",
            employment_form="dispatched",
            dispatch={"agency": other.uscc, "agreement_assigns_to": None},
        ),
        line(renamed.certificate_number, "李思"),  # 13
    ]
    result = check(declaration(employer.uscc, roster))

    jan_jun = tuple(months(*range(1, 7)))
    assert codes_by_line(result) == {
        1: {("certificate_not_found", jan_jun)},
        2: {("certificate_not_valid_in_month", tuple(months(4, 5, 6)))},
        3: {("veteran_unverified", jan_jun), ("veteran_grade_not_counted", jan_jun)},
        4: {("veteran_unverified", jan_jun)},
        5: {("not_working_age_in_month", tuple(months(4, 5, 6)))},  # 60 in April 2023
        6: {("not_working_age_in_month", tuple(months(1, 2)))},  # 16 in March 2023
        7: {("wage_below_minimum", tuple(months(1, 2, 3)))},
        8: {("minimum_wage_unknown", tuple(months(10, 11, 12)))},  # unsourced from 2023-10
        9: {("contract_under_one_year", jan_jun)},
        10: {("social_insurance_missing", tuple(months(4, 5, 6)))},
        11: {("counted_elsewhere", tuple(months(1, 2, 3)))},
        12: {("dispatch_agreement_missing", jan_jun)},
        13: {("name_mismatch", jan_jun)},
    }
    kinds = {p["code"]: p["kind"] for p in result["problems"]}
    assert kinds["veteran_unverified"] == kinds["name_mismatch"] == "warning"
    assert kinds["minimum_wage_unknown"] == "warning"
    assert kinds["certificate_not_found"] == kinds["counted_elsewhere"] == "not_counted"
    # each code's kind is the contract's, and its message says in Chinese what is wrong and
    # which months it costs
    assert {(p["code"], p["kind"]) for p in result["problems"]} == {
        ("certificate_not_found", "not_counted"),
        ("certificate_not_valid_in_month", "not_counted"),
        ("veteran_grade_not_counted", "not_counted"),
        ("veteran_unverified", "warning"),
        ("not_working_age_in_month", "not_counted"),
        ("wage_below_minimum", "not_counted"),
        ("minimum_wage_unknown", "warning"),
        ("contract_under_one_year", "not_counted"),
        ("social_insurance_missing", "not_counted"),
        ("counted_elsewhere", "not_counted"),
        ("dispatch_agreement_missing", "not_counted"),
        ("name_mismatch", "warning"),
    }
    with_months = "2023年1–6月"
    messages = {(p["line"], p["code"]): p["message"] for p in result["problems"]}
    expected = {
        (1, "certificate_not_found"): ["在残疾人信息库中没有找到", with_months, "不计入"],
        (2, "certificate_not_valid_in_month"): [
            "不是有效证件",
            "2023年4–6月",
            "2023-03-31 过期",
        ],
        (3, "veteran_grade_not_counted"): ["等级为 9 级", with_months, "不计入"],
        (3, "veteran_unverified"): ["不在残疾人信息库中", "核验", "暂按所填计入"],
        (5, "not_working_age_in_month"): ["不在就业年龄段内", "自 2023-04 起已达法定退休年龄"],
        (6, "not_working_age_in_month"): ["2023年1–2月", "未满16周岁"],
        (7, "wage_below_minimum"): ["2023年1–3月", "最低工资标准 1900 元"],
        (8, "minimum_wage_unknown"): ["2023年10–12月", "没有", "暂按所填计入"],
        (9, "contract_under_one_year"): ["不足1年", "2023-01-01 至 2023-06-30", with_months],
        (10, "social_insurance_missing"): ["2023年4–6月", "未足额缴纳社会保险"],
        (11, "counted_elsewhere"): ["2023年1–3月", "另一用人单位"],
        (12, "dispatch_agreement_missing"): ["派遣协议", with_months, "不计入"],
        (13, "name_mismatch"): ["姓名“李思”", "不一致"],
    }
    for key, phrases in expected.items():
        for phrase in phrases:
            assert phrase in messages[key], (key, phrase)
    # a number is shown masked, never whole
    assert roster[1]["certificate_number"] not in messages[(1, "certificate_not_found")]
    assert expiring.certificate_number not in messages[(2, "certificate_not_valid_in_month")]
    elsewhere_message = next(p for p in result["problems"] if p["code"] == "counted_elsewhere")
    assert other.name not in elsewhere_message["message"]
    assert other.uscc not in elsewhere_message["message"]

    one = lambda *ns: [(m, 1) for m in months(*ns)]  # noqa: E731
    assert counted_by_line(result) == {
        0: one(*range(1, 7)),  # 6 person-months, grade 3
        2: one(1, 2, 3),  # valid until 2023-03-31 (the whole of March)
        4: [(m, 2) for m in months(*range(1, 7))],  # veteran grade 2 is severe: weight 2
        5: one(1, 2, 3),
        6: one(3, 4, 5, 6),
        7: one(4, 5, 6),
        8: one(10, 11, 12),  # a warning does not stop the count
        10: one(1, 2, 3),
        11: one(4, 5, 6),
        13: one(*range(1, 7)),
    }
    # By hand: Σ weights = 6+3+12+3+4+3+3+3+3+6 = 46, D = 46/12 = 3.8333…
    # N = 300×12/12 = 300, R = 1.5% → N×R = 4.5, shortfall = 4.5 − 46/12 = 8/12 = 2/3
    # W = 18,000,000 / 300 = 60,000; before reduction 2/3 × 60,000 = 40,000.00
    # D/N = 1.28% ≥ 1%: 公告2023年第8号 halves it → 20,000.00
    worksheet = result["worksheet"]
    assert worksheet["counted_disabled"] == "3.833333"
    assert worksheet["annual_average_headcount"] == "300"
    assert worksheet["required"] == "4.5"
    assert worksheet["levy_before_reduction"] == "40000.00"
    assert worksheet["levy_due"] == "20000.00"
    steps = {step["step"]: step for step in worksheet["trace"]}
    assert (
        "D = (非重度 34 人月 + 重度 6 人月 × 2) / 12"
        in steps["实际安排残疾人就业人数 D"]["formula"]
    )


@pytest.mark.django_db
def test_errors_duplicate_line_and_unreadable_cells_block_and_count_nothing_on_their_lines() -> (
    None
):
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    other = PersonFactory(name="王二", disability_grade=3)
    roster = [
        line(person.certificate_number, "王一"),  # 0
        line(person.certificate_number, "王一"),  # 1: the same certificate again
        {  # 2: an amount and a date that cannot be read
            **line(other.certificate_number, "王二", contract_start="2022年13月1日"),
            "wages": {"2023-01": "两千", **dict.fromkeys(months(2, 3), "2000.00")},
        },
    ]
    result = check(declaration(employer.uscc, roster))
    errors = [(p["line"], p["code"], p["field"], p["months"]) for p in result["problems"]]
    assert (1, "duplicate_line", "certificate_number", []) in errors
    assert (2, "cell_unreadable", "wages.2023-01", []) in errors
    assert (2, "cell_unreadable", "contract_start", []) in errors
    messages = {p["field"]: p["message"] for p in result["problems"] if p["line"] == 2}
    assert "roster[2].wages.2023-01" in messages["wages.2023-01"]
    assert "roster[2].contract_start" in messages["contract_start"]
    duplicate = next(p for p in result["problems"] if p["code"] == "duplicate_line")
    # the first line is "第 1 行", as the pages and the return messages count
    assert "与第 1 行重复" in duplicate["message"]
    assert all(p["kind"] == "error" for p in result["problems"])
    # Only line 0 counts: 6 months × 1 → D = 0.5
    assert {item["line"] for item in result["counted"]} == {0}
    assert result["worksheet"]["counted_disabled"] == "0.5"


@pytest.mark.django_db
def test_a_dispatched_worker_assigned_to_the_host_counts_there() -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王十", disability_grade=1)
    roster = [
        line(
            person.certificate_number,
            "王十",
            employment_form="dispatched",
            dispatch={"agency": employer.uscc, "agreement_assigns_to": "host"},
        )
    ]
    result = check(declaration(employer.uscc, roster))
    assert result["problems"] == []
    # grade 1 is severe: 6 months × 2 = 12 → D = 1; under 98号's "both" rule the worker also
    # joins the host's headcount for those months: N = (3600 + 6) / 12 = 300.5
    assert [item["weight"] for item in result["counted"]] == [2] * 6
    assert result["worksheet"]["counted_disabled"] == "1"
    assert result["worksheet"]["annual_average_headcount"] == "300.5"


@pytest.mark.django_db
def test_retirement_follows_the_2025_reform() -> None:
    """A man born March 1965 reaches 60 in March 2025; the reform delays him one month (born
    within the first four months of the first delayed cohort, January 1965): he retires in
    April 2025, so January–March count and April onwards do not."""
    employer = EmployerFactory()
    person = PersonFactory(name="王三", disability_grade=3, birth_date=date(1965, 3, 20))
    roster = [line(person.certificate_number, "王三", months_=range(1, 7))]
    payload = declaration(employer.uscc, roster, levy_year=2025)
    payload["roster"][0]["wages"] = dict.fromkeys(months(*range(1, 7), year=2025), "3000.00")
    payload["roster"][0]["social_insurance_months"] = months(*range(1, 7), year=2025)
    result = check_for(
        actor=None, declaration=read_declaration(payload), today=date(2026, 6, 1), tree=TREE
    ).to_json()
    age = [p for p in result["problems"] if p["code"] == "not_working_age_in_month"]
    assert [p["months"] for p in age] == [months(4, 5, 6, year=2025)]
    assert "2025-04" in age[0]["message"]
    assert [item["month"] for item in result["counted"]] == months(1, 2, 3, year=2025)


def test_the_json_reading_names_the_path_of_what_it_cannot_read() -> None:
    from ablework.quota.inputs import UnreadableDeclaration

    with pytest.raises(UnreadableDeclaration) as missing:
        read_declaration({"employer": "X", "levy_year": 2023, "wage_total": "1.00"})
    assert missing.value.path == "headcount"
    with pytest.raises(UnreadableDeclaration) as bad:
        read_declaration(
            {
                "employer": "X",
                "levy_year": 2023,
                "headcount": {"monthly": [1] * 11},
                "wage_total": "1",
            }
        )
    assert bad.value.path == "headcount.monthly"
    read = read_declaration(
        {
            "employer": "x1",
            "levy_year": 2023,
            "headcount": {"annual_average": "203.17"},
            "wage_total": "16,320,000.00元",
            "roster": [],
        }
    )
    assert read.headcount.annual_average == Decimal("203.17")
    assert read.wage_total == Decimal("16320000.00")
