"""What-if: a hypothetical hire or another wage total changes the worksheet by the amount worked
out by hand, nothing is written, and a change that cannot be assumed is refused by name."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.template.loader import render_to_string

from ablework.core.errors import Invalid
from ablework.core.models import AuditRecord
from ablework.employers.models import Employer
from ablework.quota.forms.what_if import WhatIfForm
from ablework.quota.inputs import Headcount
from ablework.quota.models import Declaration, LineMonth, RosterLine
from ablework.quota.selectors.what_if import Hire, WhatIf, WhatIfResult, what_if
from ablework.rules.jurisdictions.cn import parameter_tree
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import line
from tests.quota.test_worksheet import TODAY, TREE, checked, two_hundred_staff
from tests.registry.factories import PersonFactory


@pytest.fixture
def payload() -> dict[str, Any]:
    """200 staff, W = 60,000 元; 王一 (grade 3) counts January–June: D = 6 / 12 = 0.5."""
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    return two_hundred_staff(employer.uscc, [line(person.certificate_number, "王一")])


def assume(payload: dict[str, Any], change: WhatIf, tree: Any = TREE) -> WhatIfResult:
    read, result = checked(payload, tree)
    employer = Employer.objects.get(uscc=read.employer)
    return what_if(
        declaration=read, employer=employer, result=result, change=change, today=TODAY, tree=tree
    )


@pytest.mark.django_db
def test_hiring_one_person_of_grade_2_from_july_lowers_the_levy(payload: dict[str, Any]) -> None:
    outcome = assume(payload, WhatIf(hires=(Hire(grade=2, from_month=7),)))
    # Now: N × R = 200 × 1.5% = 3, D = 0.5: (3 − 0.5) × 60,000 = 150,000.00;
    #      D/N = 0.25% < 1% → × 0.9 = 135,000.00
    # Hire: grade 2 is severe, July–December 6 months × 2 = 12 person-months → D = 0.5 + 1 = 1.5
    #      (3 − 1.5) × 60,000 = 90,000.00; D/N = 0.75% < 1% → × 0.9 = 81,000.00
    # Difference: 81,000.00 − 135,000.00 = −54,000.00
    assert outcome.current.levy_due == Decimal("135000.00")
    assert outcome.changed.levy_due == Decimal("81000.00")
    assert outcome.levy_difference == Decimal("-54000.00")
    assert outcome.sentence == "按此假设，应缴残保金减少 54,000.00 元。"
    assert outcome.assumption == "招用 1 名残疾人证 2 级人员（7月起）"
    rows = {row.key: row for row in outcome.rows}
    assert (rows["col7"].before, rows["col7"].after, rows["col7"].difference) == (
        "0.5 人",
        "1.5 人",
        "+1 人",
    )
    assert rows["col12"].difference == "−54,000.00 元"
    assert not rows["col4"].changed
    hired = outcome.changed.persons[-1]
    assert hired.hypothetical
    assert hired.line is None
    assert hired.counted_text == "7–12月（每月按 2 人计）"
    assert hired.person_months == 12
    assert len(outcome.current.persons) == 1


@pytest.mark.django_db
def test_another_wage_total_changes_the_levy(payload: dict[str, Any]) -> None:
    outcome = assume(payload, WhatIf(wage_total=Decimal("10000000.00")))
    # W = 10,000,000 / 200 = 50,000.00: (3 − 0.5) × 50,000 = 125,000.00 × 0.9 = 112,500.00
    # Difference: 112,500.00 − 135,000.00 = −22,500.00
    assert outcome.changed.levy_due == Decimal("112500.00")
    assert outcome.levy_difference == Decimal("-22500.00")
    rows = {row.key: row for row in outcome.rows}
    assert (rows["col4"].before, rows["col4"].after) == ("12,000,000.00 元", "10,000,000.00 元")
    assert rows["col8"].after == "50,000.00 元"
    assert outcome.sentence == "按此假设，应缴残保金减少 22,500.00 元。"


@pytest.mark.django_db
def test_a_larger_headcount_raises_the_levy(payload: dict[str, Any]) -> None:
    outcome = assume(
        payload,
        WhatIf(headcount=Headcount(annual_average=Decimal("400")), wage_total=Decimal("24e6")),
    )
    # N = 400, N × R = 6, W = 24,000,000 / 400 = 60,000: (6 − 0.5) × 60,000 = 330,000.00;
    # D/N = 0.125% < 1% → × 0.9 = 297,000.00; 297,000.00 − 135,000.00 = +162,000.00
    assert outcome.levy_difference == Decimal("162000.00")
    assert outcome.sentence == "按此假设，应缴残保金增加 162,000.00 元。"


@pytest.mark.django_db
def test_what_if_writes_nothing(payload: dict[str, Any]) -> None:
    read, result = checked(payload)
    employer = Employer.objects.get(uscc=read.employer)
    models = (Declaration, RosterLine, LineMonth, AuditRecord)
    before = [model.objects.count() for model in models]
    what_if(
        declaration=read,
        employer=employer,
        result=result,
        change=WhatIf(hires=(Hire(grade=1, from_month=1, count=3),), wage_total=Decimal(1)),
        today=TODAY,
        tree=TREE,
    )
    assert [model.objects.count() for model in models] == before


@pytest.mark.django_db
def test_a_missing_parameter_is_said_in_the_sentence(payload: dict[str, Any]) -> None:
    outcome = assume(payload, WhatIf(hires=(Hire(grade=2, from_month=7),)), parameter_tree())
    assert outcome.levy_difference is None
    assert outcome.sentence.startswith("按此假设仍无法计算残保金：")
    assert "当地社会平均工资" in outcome.sentence


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (WhatIf(hires=(Hire(grade=5),)), "grade", "残疾人证可计入的等级为 1–4 级"),
        (
            WhatIf(hires=(Hire(grade=9, certificate_kind="veteran"),)),
            "grade",
            "残疾军人证可计入的等级为 1–8 级",
        ),
        (WhatIf(hires=(Hire(grade=2, from_month=13),)), "from_month", "起始月份应为 1–12 月"),
        (WhatIf(hires=(Hire(grade=2, count=0),)), "count", "招用人数应为 1–50 人"),
        (WhatIf(hires=(Hire(grade=2, count=51),)), "count", "招用人数应为 1–50 人"),
        (WhatIf(wage_total=Decimal("-1")), "wage_total", "工资总额不能为负数"),
        (
            WhatIf(headcount=Headcount(annual_average=Decimal("-1"))),
            "headcount",
            "在职职工人数不能为负数",
        ),
    ],
)
def test_a_change_that_cannot_be_assumed_is_refused_by_name(
    payload: dict[str, Any], change: WhatIf, field: str, words: str
) -> None:
    with pytest.raises(Invalid) as refused:
        assume(payload, change)
    assert refused.value.field == field
    assert words in refused.value.message


def test_the_form_gives_the_change() -> None:
    form = WhatIfForm(
        {"count": "1", "grade": "2", "from_month": "7", "certificate_kind": "disability"}
    )
    assert form.is_valid(), form.errors
    assert form.change() == WhatIf(hires=(Hire(grade=2, from_month=7, count=1),))
    wages = WhatIfForm(
        {"certificate_kind": "disability", "from_month": "1", "wage_total": "10000000.00"}
    )
    assert wages.is_valid(), wages.errors
    assert wages.change() == WhatIf(wage_total=Decimal("10000000.00"))


def test_the_form_names_what_is_wrong() -> None:
    form = WhatIfForm(
        {"count": "1", "grade": "5", "from_month": "7", "certificate_kind": "disability"},
        grades={"disability": [1, 2, 3, 4], "veteran": list(range(1, 9))},
    )
    assert not form.is_valid()
    assert "残疾人证可计入的等级为 1–4 级" in form.errors["grade"][0]
    unchosen = WhatIfForm({"count": "2", "from_month": "7", "certificate_kind": "disability"})
    assert not unchosen.is_valid()
    assert "请选择残疾等级" in unchosen.errors["grade"][0]
    negative = WhatIfForm({"from_month": "1", "certificate_kind": "veteran", "wage_total": "-5"})
    assert not negative.is_valid()
    assert "wage_total" in negative.errors
    html = render_to_string("quota/_what_if_form.html", {"form": form})
    assert 'method="get"' in html
    assert 'id="error-summary"' in html
    assert "<legend>假设招用残疾人</legend>" in html or "假设招用残疾人" in html
    assert '<label for="id_from_month">从几月起招用</label>' in html
    assert "7月" in html
    assert "残疾人证 1–4 级；残疾军人证 1–8 级" in html


@pytest.mark.django_db
def test_the_partial_compares_before_and_after(payload: dict[str, Any]) -> None:
    outcome = assume(payload, WhatIf(hires=(Hire(grade=2, from_month=7),)))
    html = render_to_string(
        "quota/_worksheet.html", {"worksheet": outcome.current, "compare": outcome}
    )
    for header in ("栏次", "项目", "现在", "按此假设", "变化", "依据"):
        assert f'<th scope="col">{header}</th>' in html
    assert "按此假设，应缴残保金减少 54,000.00 元" in html
    assert "135,000.00 元" in html
    assert "81,000.00 元" in html
    assert "招用 1 名残疾人证 2 级人员（7月起）" in html
    assert "<td>假设</td>" in html  # the hypothetical hire's row among the persons
    assert "<script" not in html
    assert "style=" not in html


@pytest.mark.django_db
def test_a_draft_without_its_figures_says_what_to_enter_first(payload: dict[str, Any]) -> None:
    read, result = checked(payload)
    draft = replace(result, worksheet={})  # as `check_stored` gives it before the figures
    employer = Employer.objects.get(uscc=read.employer)
    outcome = what_if(
        declaration=read,
        employer=employer,
        result=draft,
        change=WhatIf(hires=(Hire(grade=2, from_month=7),)),
        today=TODAY,
        tree=TREE,
    )
    assert outcome.levy_difference is None
    assert "请先填写在职职工人数和工资总额" in outcome.sentence
    assert outcome.changed.persons[-1].hypothetical
