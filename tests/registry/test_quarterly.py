"""The quarterly update round: who is due, marking them updated, completion by area."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ablework.core.models import AuditRecord, Region, RegionLevel
from ablework.registry.models import Person
from ablework.registry.quarters import Quarter
from ablework.registry.selectors.quarterly import update_completion
from tests.registry.conftest import OTHER_COUNTY, OWN_COUNTY, signed_in

pytestmark = pytest.mark.django_db


def test_quarters_follow_the_calendar():
    assert Quarter.of(date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter.of(date(2026, 4, 1)) == Quarter(2026, 2)
    assert (Quarter(2026, 4).start, Quarter(2026, 4).end) == (date(2026, 10, 1), date(2026, 12, 31))
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter.parse("2026-Q3") == Quarter(2026, 3)
    assert Quarter.parse("2026-Q5") is None


@pytest.fixture
def round_people(make_person):
    """In 任城区: one due, one already updated this quarter, one retired, one deceased."""
    today = timezone.localdate()
    return {
        "due": make_person(name="甲待核"),
        "done": make_person(name="乙已核", last_verified_on=Quarter.of(today).start),
        "old": make_person(name="丙退休", birth_date=date(1950, 1, 1)),
        "deceased": make_person(name="丁已故", certificate_status="deceased"),
        "last_quarter": make_person(
            name="戊上季", last_verified_on=Quarter.of(today).start - timedelta(days=1)
        ),
    }


def test_due_list_shows_working_age_living_people_not_updated_this_quarter(demo_data, round_people):
    html = signed_in(demo_data["rencheng_counsellor"]).get("/persons/updates/").content.decode()
    assert "甲待核" in html
    assert "戊上季" in html
    for name in ("乙已核", "丙退休", "丁已故"):
        assert name not in html


def test_marking_a_selection_updated_records_checks_and_audits(demo_data, round_people):
    # given two people due this quarter
    client = signed_in(demo_data["rencheng_counsellor"])
    chosen = [round_people["due"].pk, round_people["last_quarter"].pk]
    today = timezone.localdate()
    # when the counsellor marks both updated
    response = client.post(
        "/persons/updates/",
        {"persons": chosen, "verified_on": today.isoformat(), "method": "quarterly_update"},
    )
    # then they leave the due list, their checks are kept and each change is audited
    assert response.status_code == 302
    assert set(Person.objects.filter(pk__in=chosen).values_list("last_verified_on", flat=True)) == {
        today
    }
    html = client.get("/persons/updates/").content.decode()
    assert "甲待核" not in html
    assert "戊上季" not in html
    assert AuditRecord.objects.filter(action="registry.person.verify").count() == 2
    assert round_people["due"].verifications.get().verified_by == demo_data["rencheng_counsellor"]


def test_marking_someone_outside_the_area_is_refused_and_changes_nothing(demo_data, make_person):
    outsider = make_person(name="外县人员", county_code=OTHER_COUNTY)
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post(
        "/persons/updates/",
        {
            "persons": [outsider.pk],
            "verified_on": timezone.localdate().isoformat(),
            "method": "sampling",
        },
    )
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.last_verified_on is None


def test_one_person_can_be_marked_from_the_record_page(demo_data, round_people):
    person = round_people["due"]
    client = signed_in(demo_data["rencheng_counsellor"])
    client.post(
        f"/persons/{person.pk}/verify/",
        {"verified_on": timezone.localdate().isoformat(), "method": "self_check"},
    )
    person.refresh_from_db()
    assert person.last_verified_on == timezone.localdate()
    assert "本季度已核实" in client.get(f"/persons/{person.pk}/").content.decode()


def test_completion_is_counted_by_county_and_township(demo_data, make_person):
    # given a township with two working-age people, one updated this quarter
    today = timezone.localdate()
    Region.objects.create(
        code="370811022",
        name="进度街道",
        level=RegionLevel.TOWNSHIP,
        parent_id=OWN_COUNTY,
        county_code=OWN_COUNTY,
        added_by_staff=True,
    )
    make_person(name="甲", township_code="370811022", last_verified_on=today)
    make_person(name="乙", township_code="370811022")
    persons = Person.objects.filter(county_code=OWN_COUNTY)
    # when completion is computed by township
    rows = update_completion(persons=persons, quarter=Quarter.of(today), today=today, by="township")
    # then the township shows 2 registered, 1 updated, 50%
    row = next(r for r in rows if r.code == "370811022")
    assert (row.name, row.registered, row.updated, row.rate) == ("进度街道", 2, 1, 0.5)


def test_supervisor_sees_completion_by_county_and_township_with_links_to_the_missing(
    demo_data, make_person
):
    # given a township where one of two working-age people was updated this quarter, and a
    # retired and a deceased person who are not part of the round
    today = timezone.localdate()
    Region.objects.create(
        code="370811023",
        name="督查街道",
        level=RegionLevel.TOWNSHIP,
        parent_id=OWN_COUNTY,
        county_code=OWN_COUNTY,
        added_by_staff=True,
    )
    make_person(township_code="370811023", last_verified_on=today)
    make_person(township_code="370811023")
    make_person(township_code="370811023", birth_date=date(1950, 1, 1))
    make_person(township_code="370811023", certificate_status="deceased")
    # when the city administrator opens the progress page for 任城区
    html = (
        signed_in(demo_data["jining_admin"])
        .get("/persons/updates/progress/", {"region": OWN_COUNTY})
        .content.decode()
    )
    # then every county is listed, and the township row reads 2 registered, 1 updated, 50%
    assert "任城区" in html
    assert "微山县" in html
    row = html[html.index("督查街道") :].split("</tr>")[0]
    cells = [cell.split("<")[0] for cell in row.split("<td>")[1:]]
    assert cells[0:2] == ["2", "1"]
    assert "50.0%" in row
    assert "township=370811023" in row  # the link to the one person still due


def test_counsellor_cannot_open_the_supervisors_page(demo_data):
    assert (
        signed_in(demo_data["rencheng_counsellor"]).get("/persons/updates/progress/").status_code
        == 404
    )
