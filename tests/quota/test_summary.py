"""The quota facts on the employer's page: its last declarations with year, status, counted
persons D and the levy or reward, read from what was stored at submission in one query; the
panel quota adds to the employers app's page (Section.panels), which imports nothing of quota."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.core.models import AuditRecord
from ablework.quota.folding import refold
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, LineMonth, RosterLine
from ablework.quota.selectors.summary import last_declarations
from ablework.quota.services import submit_declaration
from ablework.shell.navigation import panels_for
from tests.accounts.factories import AuditorFactory, CounsellorFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _stored(employer: Any, year: int, status: str, trace: dict[str, Any], weights: list[int]):
    """A declaration as submission stores it: one roster line whose months weigh `weights`."""
    row = Declaration.objects.create(
        employer=employer,
        levy_year=year,
        status=status,
        headcount_monthly=[100] * 12,
        wage_total=Decimal("6000000.00"),
        rules_trace=trace,
    )
    if weights:
        roster = RosterLine.objects.create(
            declaration=row,
            line=0,
            certificate_kind="disability",
            certificate_number="37081119850612402X41",
            certificate_hash="x",
            certificate_masked="370811**************",
            name="王一",
            employment_form="labour_contract",
        )
        LineMonth.objects.bulk_create(
            LineMonth(roster_line=roster, month=n + 1, wage=2000, weight=w, counted=w > 0)
            for n, w in enumerate(weights)
        )
        refold(RosterLine.objects.filter(pk=roster.pk))
    return row


def test_a_submitted_declaration_shows_the_year_status_counted_persons_and_levy() -> None:
    # given a counsellor submits a declaration counting one grade-3 person for six months
    staff = CounsellorFactory()
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    filed, _ = submit_declaration(
        actor=staff,
        declaration=read_declaration(
            declaration(employer.uscc, [line(person.certificate_number, "王一")])
        ),
        tree=with_social_average_wage("60000"),
    )
    # when the employer's last declarations are read
    (summary,) = last_declarations(Declaration.objects.all(), employer_id=employer.pk)
    # then D is the stored months' weights / 12 = 6/12, the levy the stored trace's:
    # N×R = 300 × 1.5% = 4.5, shortfall 4.0 × W 60,000 = 240,000; D/N < 1%: 90% → 216,000.00
    assert (summary.id, summary.levy_year, summary.status_label) == (filed.pk, 2023, "已提交")
    assert summary.counted == Decimal("0.50")
    assert summary.levy_due == Decimal(filed.rules_trace["levy_due"]) == Decimal("216000.00")


def test_the_summary_reads_any_number_of_declarations_in_one_query() -> None:
    employer = EmployerFactory()
    for year in range(2015, 2024):
        _stored(employer, year, "certified", {"levy_due": "100.00", "reward": None}, [1] * 12)
    with CaptureQueriesContext(connection) as queries:
        summaries = last_declarations(Declaration.objects.all(), employer_id=employer.pk)
    assert len(queries) == 1
    # the newest five, newest first, each D = 12/12 = 1
    assert [s.levy_year for s in summaries] == [2023, 2022, 2021, 2020, 2019]
    assert {s.counted for s in summaries} == {Decimal("1.00")}


def test_the_employer_page_shows_its_declarations_and_links_each_to_its_page(client) -> None:
    # given an employer with a certified year that earned a reward, a returned one owing a
    # levy, an exempt one and a draft not yet computed
    user = EmployerUserFactory()
    employer = user.employer
    rewarded = _stored(
        employer, 2023, "certified", {"levy_due": "0.00", "reward": "5000.00"}, [2] * 12
    )
    owing = _stored(employer, 2022, "returned", {"levy_due": "36000.00", "reward": None}, [1] * 6)
    exempt = _stored(employer, 2021, "certified", {"levy_due": "0.00", "exempt": True}, [])
    draft = _stored(employer, 2020, "draft", {}, [])
    other = _stored(EmployerFactory(name="别家公司"), 2023, "submitted", {"levy_due": "1.00"}, [])
    client.force_login(user)
    # when its user opens the employer's page
    page = client.get(f"/employers/{employer.pk}/").content.decode()
    # then each declaration is shown by year and status name, with D and the money, linked
    panel = page[page.index('id="quota-heading"') :]
    for row, year in ((rewarded, 2023), (owing, 2022), (exempt, 2021), (draft, 2020)):
        assert f'<a href="/quota/declarations/{row.pk}/">{year}年度</a>' in panel
    assert f"/quota/declarations/{other.pk}/" not in panel
    assert "已审核确认" in panel
    assert "已退回" in panel
    assert "草稿" in panel
    assert "certified" not in panel
    assert "returned" not in panel
    assert "2.00 人" in panel
    assert "0.50 人" in panel
    assert "超比例奖励 5000.00 元" in panel
    assert "应缴保障金 36000.00 元" in panel
    assert "免征保障金" in panel
    assert "尚未计算" in panel
    # and showing no personal data, the page view writes no audit record of the declarations
    assert not AuditRecord.objects.filter(target_type="quota.declaration").exists()


def test_staff_without_the_declaration_permission_see_no_panel_and_it_costs_few_queries(
    client,
) -> None:
    employer = EmployerFactory()
    _stored(employer, 2023, "certified", {"levy_due": "100.00"}, [1] * 12)
    client.force_login(AuditorFactory())
    page = client.get(f"/employers/{employer.pk}/").content.decode()
    assert 'id="quota-heading"' not in page
    # the panel's queries do not grow with the declarations: one more year costs nothing
    staff = CounsellorFactory()
    client.force_login(staff)
    with CaptureQueriesContext(connection) as one:
        assert "2023年度" in client.get(f"/employers/{employer.pk}/").content.decode()
    for year in (2021, 2022):
        _stored(employer, year, "certified", {"levy_due": "100.00"}, [1] * 12)
    with CaptureQueriesContext(connection) as three:
        assert "2021年度" in client.get(f"/employers/{employer.pk}/").content.decode()
    assert len(three) == len(one)


def test_the_shell_collects_the_panel_for_the_employer_page_by_permission() -> None:
    # quota's panels among those of the employer's page (other apps add their own)
    declaring = [
        panel.key
        for panel in panels_for("employers:employer_detail", CounsellorFactory())
        if panel.key.startswith("quota")
    ]
    assert declaring == ["quota-declarations"]
    auditing = panels_for("employers:employer_detail", AuditorFactory())
    assert not [panel for panel in auditing if panel.key.startswith("quota")]
    on_person = [panel.key for panel in panels_for("registry:person_detail", CounsellorFactory())]
    assert not [key for key in on_person if key.startswith("quota")]
