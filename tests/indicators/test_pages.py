"""The indicator pages as staff read them: the catalogue and a definition page per indicator,
a region's dashboard (the figures the selectors compute, a target's progress in words, the
children ranked, each leading to the child's dashboard), the persons behind a figure (the same
persons the figure counts, masked, logged in each one's access log), and nothing outside the
user's area."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ablework.accounts.models import User
from ablework.core.models import AuditPerson, AuditRecord, Region
from ablework.indicators.audit_actions import IndicatorsAction
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.charts import shown
from ablework.indicators.models import Target, TargetSource, TargetStatus
from ablework.indicators.periods import parse_period
from ablework.indicators.selectors.figures import figures_for
from ablework.registry.models import Person
from tests.helpers import signed_in
from tests.indicators.test_measures import GUHUAI, RENCHENG, person, quarter  # noqa: F401

pytestmark = pytest.mark.django_db
Q2 = parse_period("2026Q2")


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_catalogue_lists_every_indicator_and_each_has_its_definition(
    demo_data: dict[str, User],
) -> None:
    client = signed_in(demo_data["jining_admin"])
    listing = _text(client.get("/indicators/"))
    for measure in catalogue():
        assert str(measure.name) in listing
        page = _text(client.get(f"/indicators/{measure.code}/"))
        # the definition, what counts and not, its tables and each plan's words
        assert str(measure.definition) in page
        assert str(measure.counts) in page
        assert str(measure.excludes) in page
        assert all(str(table) in page for table in measure.tables)
        for source in measure.sources:
            assert str(source.document) in page
            assert str(source.quote) in page
    assert client.get("/indicators/no_such_indicator/").status_code == 404


def test_a_person_without_the_permission_does_not_see_the_indicators(
    demo_data: dict[str, User],
) -> None:
    client = signed_in(demo_data["person_user"])
    assert client.get("/indicators/dashboard/").status_code in (403, 404)
    assert client.get("/indicators/").status_code in (403, 404)


def test_the_dashboard_shows_the_selectors_figures_for_the_region(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    # given the county's figures for the quarter, as the selector computes them
    county = Region.objects.get(code=RENCHENG)
    expected = {figure.measure.code: figure for figure in figures_for(county, Q2)}
    # when its administrator opens its dashboard for the quarter
    page = _text(
        signed_in(demo_data["rencheng_admin"]).get("/indicators/dashboard/", {"period": "2026Q2"})
    )
    # then each indicator shows that figure, and the page names the county and the quarter
    assert "任城区指标看板：2026年第2季度" in page
    for code, figure in expected.items():
        value = figure.total.percent() if figure.measure.is_rate else figure.total.numerator
        assert f"{figure.measure.name}" in page
        assert f"本期： {shown(figure.measure, value)}" in page, code


def test_the_dashboard_opens_on_the_users_own_region_and_this_year(
    demo_data: dict[str, User],
) -> None:
    page = _text(signed_in(demo_data["jining_admin"]).get("/indicators/dashboard/"))
    assert f"济宁市指标看板：{date.today().year}年" in page


def test_a_region_outside_the_users_area_answers_404(demo_data: dict[str, User]) -> None:
    client = signed_in(demo_data["rencheng_admin"])
    assert client.get("/indicators/dashboard/", {"region": "370826"}).status_code == 404
    assert client.get("/indicators/dashboard/", {"region": "370800"}).status_code == 404
    assert (
        client.get(
            "/indicators/new_employment/persons/", {"region": "370826", "period": "2026"}
        ).status_code
        == 404
    )


def test_a_period_not_understood_says_how_to_write_one(demo_data: dict[str, User]) -> None:
    page = _text(
        signed_in(demo_data["jining_admin"]).get("/indicators/dashboard/", {"period": "去年"})
    )
    assert "期间“去年”无效" in page
    assert "下面显示今年" in page


def test_the_target_and_its_progress_are_said_in_words(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    # given an approved 2026 target of 10 new jobs for 任城区
    Target.objects.create(
        region_code=RENCHENG,
        indicator="new_employment",
        first_year=2026,
        last_year=2026,
        value=10,
        source=TargetSource.STAFF,
        document="济宁市目标分解表",
        status=TargetStatus.APPROVED,
    )
    county = Region.objects.get(code=RENCHENG)
    done = figures_for(county, parse_period("2026"), measures=[measure_named("new_employment")])
    # when the county's 2026 dashboard is read
    page = _text(
        signed_in(demo_data["rencheng_admin"]).get("/indicators/dashboard/", {"period": "2026"})
    )
    # then it states the target, the share done and the projection to the year's end
    share = f"{done[0].total.numerator * 100 / 10:.1f}%"
    assert f"已完成目标的 {share}（{done[0].total.numerator:,} / 10 人）" in page
    assert "按当前进度，2026年底完成" in page


def test_the_children_are_ranked_highest_first_and_lead_to_their_dashboards(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    city = Region.objects.get(code="370800")
    figure = figures_for(city, Q2, measures=[measure_named("new_employment")])[0]
    ordered = sorted(figure.parts, key=lambda part: (-part.tally.numerator, part.code))
    body = (
        signed_in(demo_data["jining_admin"])
        .get("/indicators/dashboard/", {"period": "2026Q2"})
        .content.decode()
    )
    table = body.split('id="new_employment-ranking-caption"')[1].split("</table>")[0]
    names = re.findall(r'<th scope="row"><a href="\?region=(\d+)&amp;period=2026Q2">', table)
    assert names == [part.code for part in ordered if part.code]
    assert "第 1" in table
    # and each figure leads to the child's own dashboard, at the same indicator
    assert f'href="?region={ordered[0].code}&amp;period=2026Q2#new_employment"' in table


def test_the_persons_behind_a_figure_are_those_it_counts_masked_and_logged(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    # given the county's new jobs in the quarter, and who the measure says they are
    measure = measure_named("new_employment")
    county = Region.objects.get(code=RENCHENG)
    figure = figures_for(county, Q2, measures=[measure])[0]
    assert measure.persons is not None
    counted = measure.persons(county.scope_prefix, Q2.start, Q2.end)
    assert len(counted) == figure.total.numerator
    # when the counsellor opens the list behind the county's figure
    actor = demo_data["rencheng_counsellor"]
    response = signed_in(actor).get(
        "/indicators/new_employment/persons/", {"region": RENCHENG, "period": "2026Q2"}
    )
    body = response.content.decode()
    # then it lists exactly those persons, linked to their records, their IDs masked
    listed = {int(pk) for pk in re.findall(r'href="/persons/(\d+)/"', body)}
    assert listed == set(counted) or (len(counted) > 50 and listed < set(counted))
    for found in Person.objects.filter(pk__in=listed):
        assert found.resident_id_masked in body
        assert found.resident_id not in body
    # and the view is one record naming each person listed, in their access log
    record = AuditRecord.objects.get(action=IndicatorsAction.PERSONS_VIEW.value, actor_id=actor.pk)
    assert set(AuditPerson.objects.filter(record=record).values_list("person_id", flat=True)) == (
        listed
    )


def test_the_township_figures_lead_to_their_persons(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    body = (
        signed_in(demo_data["rencheng_admin"])
        .get("/indicators/dashboard/", {"period": "2026Q2"})
        .content.decode()
    )
    link = f"/indicators/new_employment/persons/?region={GUHUAI}&amp;period=2026Q2"
    assert link in body
    listed = signed_in(demo_data["rencheng_admin"]).get(link.replace("&amp;", "&"))
    assert quarter["a"].name in listed.content.decode()
    # a rate whose measure cannot say who lists nobody
    assert (
        signed_in(demo_data["rencheng_admin"])
        .get("/indicators/update_rate/persons/", {"region": GUHUAI, "period": "2026Q2"})
        .status_code
        == 404
    )


def test_a_city_is_not_listed_person_by_person(demo_data: dict[str, User]) -> None:
    response = signed_in(demo_data["jining_admin"]).get(
        "/indicators/new_employment/persons/", {"region": "370800", "period": "2026"}
    )
    assert response.status_code == 404
