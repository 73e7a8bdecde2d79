"""Pages cost a fixed number of queries, however many persons and history rows there are."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ablework.core.region_names import region_names
from ablework.demo.seeding import seed_persons
from ablework.parameters.selectors import APPROVED_LOCAL_VALUES
from ablework.registry.services import PersonChanges, add_training_record, open_flag, update_person
from tests.registry.conftest import signed_in

pytestmark = pytest.mark.django_db
LIST_PAGE_MAX = 7
RECORD_PAGE_MAX = 12


@pytest.fixture(autouse=True)
def region_names_loaded(demo_data):
    """Region names are read once per process, before these pages are counted (their own
    cost is counted in tests/core/test_region_names.py)."""
    region_names()
    APPROVED_LOCAL_VALUES.codes()  # the same for the approved local parameter values (their
    # cost: tests/parameters/test_local_values.py, read once and again after an approval)


def _queries(client, method: str, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("username", ["rencheng_counsellor", "rencheng_township", "jining_admin"])
def test_list_page_queries_stay_the_same_with_more_persons(
    demo_data, username, django_assert_max_num_queries
):
    client = signed_in(demo_data[username])
    filters = {"working_age": "yes", "flag": "", "age": "25-34", "status": "employed"}
    before = _queries(client, "post", "/persons/", filters)
    # when the registry grows fivefold
    seed_persons(count=800, seed=99)
    # then the list page (and its filtered form) costs the same
    assert _queries(client, "post", "/persons/", filters) == before
    assert _queries(client, "get", "/persons/") <= before
    with django_assert_max_num_queries(LIST_PAGE_MAX):
        client.post("/persons/", {"q": "王"})


def test_record_page_queries_stay_the_same_with_a_longer_history(
    demo_data, make_person, django_assert_max_num_queries
):
    admin = demo_data["rencheng_admin"]
    client = signed_in(demo_data["rencheng_counsellor"])
    short = make_person(name="历史短")
    long = make_person(name="历史长", employment_since=date(2025, 12, 1))
    before = _queries(client, "get", f"/persons/{short.pk}/")
    # when one record gathers many periods, flags and training rows
    day = date(2026, 1, 1)
    for step in range(6):
        update_person(
            actor=admin,
            person=long,
            changes=PersonChanges(
                employment_since=day + timedelta(days=step),
                employment_status=["employed", "unemployed"][step % 2],
                employment_kind=["flexible", ""][step % 2],
            ),
        )
        add_training_record(actor=admin, person=long, subject=f"培训{step}")
    for kind in ("employment_difficulty", "minimum_living_allowance", "college_student"):
        open_flag(actor=admin, person=long, kind=kind, on=day)
    # then its page costs the same as the short one's
    assert _queries(client, "get", f"/persons/{long.pk}/") == before
    with django_assert_max_num_queries(RECORD_PAGE_MAX):
        client.get(f"/persons/{long.pk}/")
