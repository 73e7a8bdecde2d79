"""The review queue with risk (issue 11): sorted by the precomputed score (or oldest first),
filtered by employer kind, size, deadline and risk level, each row's age, overdue days, score and
top signal; the county filter lists every county of the viewer's area; the declaration page
explains each signal in words; the scores are computed by a job, by `ablework quota score`, and
again when a declaration is submitted."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ablework.jobs.models import Job
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, RiskAssessment
from ablework.quota.risk import parameters as p
from ablework.quota.services import submit_declaration
from ablework.quota.services.risk import refresh_scores, score_year, start_scoring
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.conftest import declaration, line
from tests.quota.risk_rosters import YEAR, entry, numbers, stored
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("quota:review")


_ROSTERS = itertools.count(10)


def _risky(name: str, county: str = "370811", **changes) -> Declaration:
    """Everyone on the minimum wage, hired in December: 中风险 (25 points)."""
    prefix = f"37081119{next(_ROSTERS):02d}"
    entries = [entry(n, wage="1900.00", start=date(2022, 12, 1)) for n in numbers(3, prefix=prefix)]
    return stored(EmployerFactory(name=name, county_code=county, **changes), entries)


def _quiet(name: str, county: str = "370811", **changes) -> Declaration:
    entries = [entry(n) for n in numbers(2, prefix=f"37081118{next(_ROSTERS):02d}")]
    return stored(EmployerFactory(name=name, county_code=county, **changes), entries)


def _page(user, **params: str) -> str:
    response = signed_in(user).get(QUEUE, params)
    assert response.status_code == 200
    return response.content.decode()


def _score_all() -> None:
    refresh_scores(list(Declaration.objects.values_list("pk", flat=True)))


def test_the_queue_puts_the_highest_score_first_and_shows_its_level_and_top_signal() -> None:
    _quiet("平安厂")
    _risky("可疑厂")
    _score_all()
    page = _page(CountyAdminFactory())
    assert page.index("可疑厂") < page.index("平安厂")
    assert "中风险（25 分）" in page
    assert "残疾职工工资全部恰为最低工资" in page  # the top signal's title
    assert "低风险（0 分）" in page
    oldest = _page(CountyAdminFactory(), order="oldest")
    assert oldest.index("平安厂") < oldest.index("可疑厂")


def test_an_unscored_declaration_is_shown_as_such() -> None:
    _quiet("未评厂")
    assert "未评分" in _page(CountyAdminFactory())


def test_the_queue_filters_by_risk_level_kind_and_size() -> None:
    _risky("可疑厂", staff_count=500)
    _quiet("平安厂", kind="institution", staff_count=50)
    _score_all()
    county = CountyAdminFactory()
    medium = _page(county, risk="medium")
    assert "可疑厂" in medium
    assert "平安厂" not in medium
    low = _page(county, risk="low")
    assert "平安厂" in low
    assert "可疑厂" not in low
    institutions = _page(county, kind="institution")
    assert "平安厂" in institutions
    assert "可疑厂" not in institutions
    large = _page(county, size="large")
    assert "可疑厂" in large
    assert "平安厂" not in large
    small = _page(county, size="small")
    assert "平安厂" in small
    assert "可疑厂" not in small


def test_the_queue_shows_days_waited_and_days_overdue_and_filters_the_overdue() -> None:
    late = _quiet("迟审厂")
    Declaration.objects.filter(pk=late.pk).update(
        submitted_at=timezone.now() - timedelta(days=p.REVIEW_DAYS + 4)
    )
    fresh = _quiet("新交厂x")
    Declaration.objects.filter(pk=fresh.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    county = CountyAdminFactory()
    page = _page(county)
    assert f"{p.REVIEW_DAYS + 4} 天" in page
    assert "已超期 4 天" in page
    overdue = _page(county, deadline="overdue")
    assert "迟审厂" in overdue
    assert "新交厂x" not in overdue


def test_the_county_filter_lists_every_county_of_the_city_even_without_waiting_items() -> None:
    _quiet("任城厂")
    page = _page(CityAdminFactory())
    assert '<option value="370811"' in page
    assert '<option value="370826"' in page  # 微山县, where nothing waits
    assert '<option value="370830"' in page  # 梁山县


def test_a_page_of_the_risk_queue_is_a_fixed_number_of_queries_and_pages_on() -> None:
    client = signed_in(CityAdminFactory())
    _risky("首厂")
    _score_all()
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for n in range(4):
        _risky(f"厂{n}", county="370826")
    _score_all()
    with CaptureQueriesContext(connection) as many:
        client.get(QUEUE)
    assert len(many) == len(few)


def test_the_risk_queue_pages_by_score_then_id() -> None:
    rows = [_risky(f"甲{n}") for n in range(3)] + [_quiet(f"乙{n}") for n in range(3)]
    _score_all()
    from ablework.quota.selectors.review import review_queue

    first, page = review_queue(Declaration.objects.all(), after=None, size=4)
    second, _ = review_queue(Declaration.objects.all(), after=page.next_after, size=4)
    shown = [row.summary.id for row in first + second]
    assert sorted(shown) == sorted(row.pk for row in rows)  # each once
    assert [row.score for row in first + second] == [25, 25, 25, 0, 0, 0]


def test_the_declaration_page_explains_each_signal_to_reviewers_not_to_the_employer() -> None:
    row = _risky("可疑厂")
    _score_all()
    page = signed_in(CountyAdminFactory()).get(reverse("quota:declaration", args=[row.pk]))
    text = page.content.decode()
    assert "风险提示" in text
    assert "中风险（25 分" in text
    assert "恰好等于当地当月最低工资（如 1900.00 元）" in text
    assert "合同都从12月开始" in text
    employer = EmployerUserFactory(employer=row.employer)
    own = signed_in(employer).get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "风险提示" not in own


def test_the_scoring_job_scores_a_region_and_reports_what_it_did(
    django_capture_on_commit_callbacks,
) -> None:
    _risky("任城厂")
    _quiet("微山厂", county="370826")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_scoring(actor=CityAdminFactory(), year=YEAR, region="370811")
    job.refresh_from_db()
    assert job.state == "succeeded", job.message
    assert "1 份申报" in job.message
    assert list(RiskAssessment.objects.values_list("declaration__employer__name", flat=True)) == [
        "任城厂"
    ]


def test_the_command_scores_the_year(capsys) -> None:
    _risky("任城厂")
    _quiet("微山厂", county="370826")
    call_command("quota", "score", "--year", str(YEAR))
    assert "2 份申报" in capsys.readouterr().out
    assert RiskAssessment.objects.count() == 2
    assert Job.objects.filter(kind="quota.score", state="succeeded").count() == 1


def test_scoring_a_year_needs_few_queries_however_many_declarations() -> None:
    _risky("首厂")
    score_year(YEAR)  # the local parameter values are read once, then cached
    with CaptureQueriesContext(connection) as few:
        score_year(YEAR)
    for n in range(5):
        _risky(f"厂{n}")
    with CaptureQueriesContext(connection) as many:
        score_year(YEAR)
    assert len(many) == len(few)


def test_a_submitted_declaration_is_scored_when_the_submission_commits(
    django_capture_on_commit_callbacks,
) -> None:
    employer = EmployerFactory()
    persons = [PersonFactory(household_region_code="370102") for _ in range(2)]
    payload = declaration(employer.uscc, [line(p.certificate_number, p.name) for p in persons])
    with django_capture_on_commit_callbacks(execute=True):
        row, _ = submit_declaration(
            actor=None, declaration=read_declaration(payload), today=date(2024, 6, 1)
        )
    stored_risk = RiskAssessment.objects.get(declaration=row)
    assert stored_risk.top_signal == "far_workplace"
    assert stored_risk.declaration_version == Declaration.objects.get(pk=row.pk).version
