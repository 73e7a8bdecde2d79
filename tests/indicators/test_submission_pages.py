"""The submission pages as staff use them: a county submits its quarter from 报送情况, the city
approves it on the submission's page, the dashboard then shows the locked figure and says when
live data differs, the county files a revision the city approves, and the history names who,
when and why; a decision on an older version answers 409; nothing outside one's area."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone

from ablework.indicators.models import Revision, Submission, SubmissionStatus
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory
from tests.helpers import signed_in
from tests.indicators.test_measures import GUHUAI, RENCHENG, person, quarter  # noqa: F401

pytestmark = pytest.mark.django_db


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_submit_approve_revise_and_the_dashboard_shows_the_locked_figure(
    demo_data,
    quarter,  # noqa: F811
) -> None:
    county = signed_in(demo_data["rencheng_admin"])
    city = signed_in(demo_data["jining_admin"])
    # the county sees its quarter not submitted, with no deadline set, and a link to submit
    page = _text(county.get("/indicators/submissions/", {"region": RENCHENG, "period": "2026Q2"}))
    assert "未报送" in page
    assert "未规定报送期限" in page
    assert "报送任城区2026年第2季度的数据" in page
    form = _text(county.get("/indicators/submissions/new/?region=370811&period=2026Q2"))
    assert "城乡新增残疾人就业" in form
    response = county.post("/indicators/submissions/new/?region=370811&period=2026Q2")
    submission = Submission.objects.get(region_code=RENCHENG, period="2026Q2")
    assert response.status_code == 302
    assert response["Location"] == f"/indicators/submissions/{submission.pk}/"
    # the city sees it waiting, and approves it on its page
    status = _text(city.get("/indicators/submissions/", {"period": "2026Q2"}))
    assert "任城区" in status
    assert "已报送待审核" in status
    assert "任城区残联管理员" in status
    assert "审核" in _text(city.get(f"/indicators/submissions/{submission.pk}/"))
    city.post(
        f"/indicators/submissions/{submission.pk}/",
        {"decision": "approve", "version": submission.version},
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.LOCKED
    # the registry changes afterwards: the dashboard keeps the locked figure and says so
    person(
        ("unemployed", "", date(2026, 1, 1)),
        ("employed", "flexible", date(2026, 5, 20)),
        township_code=GUHUAI,
    )
    dashboard = _text(county.get("/indicators/dashboard/", {"period": "2026Q2"}))
    assert "本期数据已审核锁定" in dashboard
    assert "实时数据与报送数不同" in dashboard
    city_dashboard = _text(city.get("/indicators/dashboard/", {"period": "2026Q2"}))
    assert "其中 1 个下级地区本期已审核锁定" in city_dashboard
    # the county files a revision of the indicator that differs, with its reason
    detail = _text(county.get(f"/indicators/submissions/{submission.pk}/"))
    assert "实时数据与报送数不同" in detail
    assert "提交更正" in detail
    refused = county.post(
        f"/indicators/submissions/{submission.pk}/revise/",
        {"indicators": ["new_employment"], "reason": "", "version": submission.version},
    )
    assert refused.status_code == 200
    form = county.get(f"/indicators/submissions/{submission.pk}/revise/").content.decode()
    differing = re.findall(r'name="indicators" value="(\w+)"', form)
    assert "new_employment" in differing
    county.post(
        f"/indicators/submissions/{submission.pk}/revise/",
        {
            "indicators": differing,
            "reason": "补录古槐街道1人",
            "version": submission.version,
        },
    )
    revision = Revision.objects.get(submission=submission)
    # the city decides on it from the submission's page
    pending = city.get(f"/indicators/submissions/{submission.pk}/").content.decode()
    assert f'action="/indicators/submissions/revisions/{revision.pk}/"' in pending
    city.post(
        f"/indicators/submissions/revisions/{revision.pk}/",
        {"decision": "approve", "version": revision.version},
    )
    # the history names who, when and why; the dashboard shows the revised figure
    history = _text(county.get(f"/indicators/submissions/{submission.pk}/"))
    assert "提交更正，理由：补录古槐街道1人" in history
    assert "任城区残联管理员" in history
    assert "济宁市残联管理员" in history
    assert "已审核通过" in history
    dashboard = _text(county.get("/indicators/dashboard/", {"period": "2026Q2"}))
    assert "含已通过的更正" in dashboard
    assert "实时数据与报送数不同" not in dashboard


def test_a_return_needs_a_reason_and_the_county_submits_again(demo_data, quarter) -> None:  # noqa: F811
    county = signed_in(demo_data["rencheng_admin"])
    city = signed_in(demo_data["jining_admin"])
    county.post("/indicators/submissions/new/?region=370811&period=2026Q2")
    submission = Submission.objects.get(region_code=RENCHENG, period="2026Q2")
    without = city.post(
        f"/indicators/submissions/{submission.pk}/", {"decision": "reject", "version": 1}
    )
    assert "请写明退回的理由" in _text(without)
    city.post(
        f"/indicators/submissions/{submission.pk}/",
        {"decision": "reject", "decision_note": "培训数据缺", "version": 1},
    )
    status = _text(county.get("/indicators/submissions/", {"period": "2026Q2"}))
    assert "已退回：培训数据缺" in status
    detail = _text(county.get(f"/indicators/submissions/{submission.pk}/"))
    assert "重新报送" in detail
    county.post("/indicators/submissions/new/?region=370811&period=2026Q2")
    assert Submission.objects.filter(region_code=RENCHENG, period="2026Q2").count() == 2


def test_an_older_version_answers_409_and_the_county_cannot_decide(demo_data, quarter) -> None:  # noqa: F811
    county = signed_in(demo_data["rencheng_admin"])
    county.post("/indicators/submissions/new/?region=370811&period=2026Q2")
    submission = Submission.objects.get(region_code=RENCHENG, period="2026Q2")
    # the county's own administrator is refused, in words
    own = county.post(
        f"/indicators/submissions/{submission.pk}/", {"decision": "approve", "version": 1}
    )
    assert "须由上级审核" in _text(own)
    # two city administrators opened the page; the first returns it, the second is told
    signed_in(demo_data["jining_admin"]).post(
        f"/indicators/submissions/{submission.pk}/",
        {"decision": "reject", "decision_note": "补材料", "version": 1},
    )
    stale = signed_in(CityAdminFactory()).post(
        f"/indicators/submissions/{submission.pk}/", {"decision": "approve", "version": 1}
    )
    assert stale.status_code == 409
    assert "退回报送" in stale.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED


def test_nothing_outside_ones_area(demo_data, quarter) -> None:  # noqa: F811
    signed_in(demo_data["rencheng_admin"]).post(
        "/indicators/submissions/new/?region=370811&period=2026Q2"
    )
    submission = Submission.objects.get(region_code=RENCHENG, period="2026Q2")
    neighbour = signed_in(CountyAdminFactory(region_id="370812"))
    other_city = signed_in(CityAdminFactory(region_id="370300"))
    for client in (neighbour, other_city):
        assert client.get(f"/indicators/submissions/{submission.pk}/").status_code == 404
        assert (
            client.post(
                f"/indicators/submissions/{submission.pk}/",
                {"decision": "approve", "version": 1},
            ).status_code
            == 404
        )
    assert other_city.get("/indicators/submissions/?region=370800").status_code == 404
    assert neighbour.get("/indicators/submissions/?region=370811").status_code == 404
    # a county sees only its own line; a counsellor reads, without the submit link
    own = _text(neighbour.get("/indicators/submissions/", {"period": "2026Q2"}))
    assert "兖州区" in own
    assert "任城区" not in own
    counsellor = _text(
        signed_in(demo_data["rencheng_counsellor"]).get(
            "/indicators/submissions/", {"period": "2026Q3"}
        )
    )
    assert "未报送" in counsellor
    assert "报送任城区" not in counsellor
    # a counsellor cannot submit
    assert (
        signed_in(demo_data["rencheng_counsellor"])
        .post("/indicators/submissions/new/?region=370811&period=2026Q3")
        .status_code
        == 404
    )


def test_the_status_page_shows_the_deadline_and_overdue(demo_data, monkeypatch) -> None:
    real = timezone.localdate

    def thirteenth(value=None, timezone=None):  # type: ignore[no-untyped-def]
        return date(2026, 12, 13) if value is None else real(value)

    monkeypatch.setattr("django.utils.timezone.localdate", thirteenth)
    page = _text(signed_in(demo_data["jining_admin"]).get("/indicators/submissions/?period=2026"))
    assert "12月12日前" in page
    assert "逾期" in page
    assert "济宁市促进残疾人就业三年行动实施方案" in page  # the deadline's reference
