"""The supervisors' completion of the "四个一": by county, township and counsellor, against the
targets, the missing persons one click away, the .xlsx; and the daily refresh command."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ablework.demo.seeding import seed_persons
from ablework.registry.models import Person
from ablework.support.models import CompletionTotal, CycleCase
from ablework.support.selectors.completion import COUNTED, count_groups
from ablework.support.services.cases import refresh_cases, refresh_region
from ablework.support.services.records import CheckInput, ServiceInput, record_check, record_service
from tests.helpers import signed_in
from tests.support.conftest import TODAY, check

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(demo_data, today, person):
    refresh_region(on=TODAY)
    one = person(name="甲已核对", township_code="370811001", employment_status="not_seeking")
    check(one, date(2026, 3, 1), wants_work=False, recorded_by=demo_data["rencheng_township"])
    refresh_cases(person_ids=[one.pk], on=TODAY)
    return one


def figures(html: str) -> str:
    return html[html.index("<caption>按县（市、区）") :]


def test_an_auditor_sees_completion_by_county_with_the_missing_one_click_away(demo_data, served):
    html = signed_in(demo_data["jining_auditor"]).get("/support/completion/").content.decode()
    table = figures(html)
    assert "任城区" in table
    assert "微山县" in table
    assert "100.0%" in html  # the target
    assert "/support/queue/?region=370811&amp;pillar=check" in table


def test_a_check_recorded_raises_the_townships_figure_by_one(demo_data, served, person):
    client = signed_in(demo_data["rencheng_admin"])
    rows = CycleCase.objects.filter(year=2026, township_code="370811001", in_scope=True)
    before = rows.filter(check_on__isnull=False).count()
    html = client.get("/support/completion/").content.decode()
    assert f"{before} / {rows.count()}" in html
    other = person(name="乙新核对", township_code="370811001", employment_status="not_seeking")
    refresh_cases(person_ids=[other.pk], on=TODAY)
    check(other, TODAY, wants_work=False, recorded_by=demo_data["rencheng_township"])
    refresh_cases(person_ids=[other.pk], on=TODAY)
    html = client.get("/support/completion/").content.decode()
    assert f"{before + 1} / {rows.count()}" in html
    assert "古槐街道就业服务专员" in html or "rencheng_township" in html  # by counsellor


def test_a_county_admin_sees_only_their_county(demo_data, served):
    html = signed_in(demo_data["rencheng_admin"]).get("/support/completion/").content.decode()
    assert "微山县" not in figures(html)


def test_the_tables_download_as_xlsx(demo_data, served):
    response = signed_in(demo_data["rencheng_admin"]).get("/support/completion/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert sheet.cell(1, 1).value == "县（市、区）"
    assert sheet.cell(2, 1).value == "任城区"
    assert "按乡镇（街道）" in book.sheetnames


def test_counsellors_without_the_supervise_right_get_404(demo_data, served):
    client = signed_in(demo_data["rencheng_counsellor"])
    assert client.get("/support/completion/").status_code == 404


# The city's table by county; with a county chosen, also by township and by counsellor; each
# grouping's plan coverage, overdue actions and escalations are one more GROUP BY (and, by
# counsellor, one read of their names).
CITY_QUERIES, COUNTY_QUERIES = 5 + 1, 8 + 4


def queries_of(client, url: str) -> int:
    client.get(url)  # warm the caches a request may fill (region names, parameters)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_completion_costs_the_same_queries_for_a_city_of_any_size(demo_data, served):
    """The city's figures are GROUP BYs over the precomputed rows: the same number of queries
    with a few persons and with many more, served by more counsellors in more townships."""
    client = signed_in(demo_data["jining_admin"])
    urls = ("/support/completion/", "/support/completion/?region=370811")
    few = [queries_of(client, url) for url in urls]
    before = Person.objects.order_by("-pk").values_list("pk", flat=True)[0]
    seed_persons(count=120, seed=37)
    added = list(Person.objects.filter(pk__gt=before).order_by("pk"))
    Person.objects.filter(pk__gt=before).update(
        county_code="370811", employment_status="unemployed", birth_date=date(1985, 3, 1)
    )
    workers = [demo_data["rencheng_township"], demo_data["rencheng_counsellor"]]
    for index, one in enumerate(added[:60]):
        check(one, date(2026, 4, 1), wants_work=True, recorded_by=workers[index % 2])
    refresh_region(on=TODAY)
    many = [queries_of(client, url) for url in urls]
    assert few == many == [CITY_QUERIES, COUNTY_QUERIES]
    html = client.get(urls[1]).content.decode()
    by_owner = html[html.index("按服务人员") :]
    for worker in workers:
        assert (worker.get_full_name() or worker.username) in by_owner


def test_the_daily_refresh_command(demo_data, person):
    one = person(name="丙命令")
    out = io.StringIO()
    call_command("support", "refresh", "--region", "370811", "--on", "2026-06-15", stdout=out)
    assert "已更新" in out.getvalue()
    assert CycleCase.objects.get(person=one, year=2026).next_due == "check"


def live_and_kept(county: str) -> tuple[list[dict], list[dict]]:
    """The county's figures by township and counsellor counted live from the cycle rows, and
    summed from the precomputed totals."""
    columns = ("county_code", "township_code", "owner_id")
    live = CycleCase.objects.filter(year=2026, county_code=county, in_scope=True)
    kept = CompletionTotal.objects.filter(year=2026, county_code=county)
    return count_groups(live, columns), count_groups(kept, columns)


def test_the_totals_equal_a_live_count_after_services_are_recorded(demo_data, served, person):
    """The page sums the precomputed totals; recording services through the services (not a
    refresh) keeps them equal to a count of the rows, and the page's township figure moves."""
    live, kept = live_and_kept("370811")
    assert live == kept
    assert sum(row["in_scope"] for row in kept) > 0
    worker = demo_data["rencheng_township"]
    fresh = [person(name=f"丁{i}", township_code="370811001") for i in range(3)]
    refresh_cases(person_ids=[one.pk for one in fresh], on=TODAY)
    guhuai = CompletionTotal.objects.filter(year=2026, township_code="370811001")
    checked = sum(guhuai.values_list("check_done", flat=True))
    for one in fresh:
        record_check(
            actor=worker,
            person_id=one.pk,
            check=CheckInput(
                on=TODAY,
                channel="phone",
                verified=("identity", "wishes"),
                wants_work=True,
                given_by="古槐街道专员",
            ),
        )
    record_service(
        actor=worker,
        person_id=fresh[0].pk,
        service=ServiceInput(
            on=TODAY,
            kind="guidance",
            channel="phone",
            result="given",
            outcome="职业指导",
            next_step="",
            next_due=None,
            given_by="古槐街道专员",
        ),
    )
    live, kept = live_and_kept("370811")
    assert live == kept
    served_here = [row for row in kept if row["township_code"] == "370811001"]
    assert sum(row["service_done"] for row in served_here) >= 1
    assert set(COUNTED) <= set(kept[0])
    # the page shows the township's checks up by the three recorded
    in_scope = sum(row["in_scope"] for row in served_here)
    html = signed_in(demo_data["rencheng_admin"]).get("/support/completion/").content.decode()
    assert f"{checked + 3} / {in_scope}" in html


def test_a_person_who_moves_township_moves_their_totals(demo_data, served):
    """The totals of the township a person left and of the one they joined both follow."""
    served.township_code = "370811002"
    served.save(update_fields=["township_code"])
    refresh_cases(person_ids=[served.pk], on=TODAY)
    live, kept = live_and_kept("370811")
    assert live == kept
    assert any(row["township_code"] == "370811002" for row in kept)
