"""The queue page: who is due, in what order, with which actions, for whom; reminders."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.accounts.models import User
from ablework.core.models import Notification
from ablework.demo.seeding import seed_persons
from ablework.registry.models import Person, PersonFlag
from ablework.support.models import CycleCase
from ablework.support.services.cases import refresh_cases, refresh_region
from tests.helpers import signed_in
from tests.support.conftest import TODAY, check, serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_people(demo_data, today, person):
    """In 任城区's 古槐街道: one waiting since the cycle began, one checked in May (so waiting for
    the rest since then), one served in full; in 越河街道 one more; in 微山县 one."""
    waiting = person(name="甲等待", township_code="370811001")
    checked = person(name="乙已核对", township_code="370811001")
    check(checked, date(2026, 5, 20), wants_work=True)
    done = person(name="丙已服务", township_code="370811001", employment_status="not_seeking")
    check(done, date(2026, 2, 1), wants_work=False)
    other_township = person(name="丁越河", township_code="370811002")
    weishan = person(name="戊微山", county_code="370826")
    people = {
        "waiting": waiting,
        "checked": checked,
        "done": done,
        "other_township": other_township,
        "weishan": weishan,
    }
    refresh_region(on=TODAY)
    return people


def page(user, url="/support/queue/"):
    response = signed_in(user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_counsellor_sees_the_persons_of_the_county_due_with_one_action_per_service(
    demo_data, queue_people
):
    html = page(demo_data["rencheng_counsellor"])
    assert "甲等待" in html
    assert "乙已核对" in html
    assert "丁越河" in html
    assert "丙已服务" not in html  # served: nothing due
    assert "戊微山" not in html  # another county
    waiting = queue_people["waiting"]
    assert waiting.resident_id not in html
    assert waiting.resident_id_masked in html
    assert "核对 甲等待 的基础信息" in html
    assert "为 甲等待 做职业能力评估" in html
    assert "核对 乙已核对 的基础信息" not in html
    assert "登记 乙已核对 的就业需求" in html
    assert "<td>古槐街道</td>" in html
    assert ">370811001<" not in html


def test_overdue_come_first_then_the_longest_waiting(demo_data, queue_people):
    html = page(demo_data["rencheng_counsellor"], "/support/queue/?township=370811001")
    # 甲 waits since 1 January (overdue after 90 days), 乙 since 20 May.
    assert html.index("甲等待") < html.index("乙已核对")
    assert "已逾期" in html


def test_a_township_worker_sees_only_their_township(demo_data, queue_people):
    html = page(demo_data["rencheng_township"])
    assert "甲等待" in html
    assert "丁越河" not in html


def test_a_counsellor_of_another_county_sees_none_of_them(demo_data, queue_people):
    html = page(demo_data["weishan_counsellor"])
    assert "戊微山" in html
    for name in ("甲等待", "乙已核对", "丁越河"):
        assert name not in html
    # asking for 任城区 by its code changes nothing
    html = page(demo_data["weishan_counsellor"], "/support/queue/?region=370811")
    assert "甲等待" not in html


def test_filters_by_service_due_and_by_flag(demo_data, queue_people):
    counsellor = demo_data["rencheng_counsellor"]
    html = page(counsellor, "/support/queue/?pillar=check")
    assert "甲等待" in html
    assert "乙已核对" not in html
    PersonFlag.objects.create(
        person=queue_people["checked"], kind="zero_employment_family", started_on=date(2026, 1, 1)
    )
    refresh_cases(person_ids=[queue_people["checked"].pk], on=TODAY)
    html = page(counsellor, "/support/queue/?zero_employment=1")
    assert "乙已核对" in html
    assert "甲等待" not in html
    assert "零就业家庭" in html


def test_a_person_who_died_today_leaves_the_queue_before_the_next_refresh(demo_data, queue_people):
    Person.objects.filter(pk=queue_people["waiting"].pk).update(certificate_status="deceased")
    html = page(demo_data["rencheng_counsellor"])
    assert "甲等待" not in html
    assert CycleCase.objects.get(person=queue_people["waiting"]).in_scope  # not yet refreshed


def test_a_person_who_moved_away_today_is_no_longer_in_the_old_queue(demo_data, queue_people):
    Person.objects.filter(pk=queue_people["waiting"].pk).update(county_code="370826")
    assert "甲等待" not in page(demo_data["rencheng_counsellor"])


def test_recording_a_service_takes_the_person_off_the_queue(demo_data, queue_people):
    checked = queue_people["checked"]
    from ablework.support.models import Assessment, NeedsRegistration

    Assessment.objects.create(
        person=checked, on=TODAY, hours_per_day=6, pathway="competitive", summary="可以工作"
    )
    NeedsRegistration.objects.create(
        person=checked, on=TODAY, hours_per_week=40, commute_km=10, wage_floor=2000
    )
    serve(checked, TODAY)
    refresh_cases(person_ids=[checked.pk], on=TODAY)
    assert "乙已核对" not in page(demo_data["rencheng_counsellor"])


def test_reminders_reach_due_persons_with_an_account_and_skip_the_served(demo_data, queue_people):
    own = User.objects.create_user(
        username="jia_self", password="x", role="person", person=queue_people["waiting"]
    )
    served = User.objects.create_user(
        username="bing_self", password="x", role="person", person=queue_people["done"]
    )
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post("/support/queue/remind/", {"query": "township=370811001"}, follow=True)
    assert Notification.objects.filter(recipient=own, text__contains="四个一").count() == 1
    assert not Notification.objects.filter(recipient=served).exists()
    assert "发送站内提醒" in response.content.decode()
    # once the waiting person is served in full, the same sending reaches nobody
    CycleCase.objects.filter(person=queue_people["waiting"]).update(next_due="")
    response = client.post("/support/queue/remind/", {"query": "township=370811001"}, follow=True)
    assert Notification.objects.filter(recipient=own).count() == 1
    assert "都没有本人账号" in response.content.decode()


# (the queue reads its next candidates, then checks them live; the last: the counsellor's own
# open escalation proposals, the queue's panel; then the current suggestions of the page's
# persons, matching's panel: one query, one more only when some have suggestions, and one for
# the last batch that left out those without — so a person a batch reached is never "not yet
# computed")
QUEUE_QUERIES = 8 + 1 + 2


def queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the caches a request may fill (region names, parameters)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_queue_costs_the_same_queries_for_a_county_of_any_size(demo_data, queue_people):
    """The queue reads the precomputed rows of one page, whatever the county holds: the same
    number of queries with a handful of persons due and with several pages of them."""
    client = signed_in(demo_data["rencheng_counsellor"])
    few = queries_of(client, "/support/queue/")
    assert page(demo_data["rencheng_counsellor"]).count('href="/support/persons/') < 50
    before = Person.objects.order_by("-pk").values_list("pk", flat=True)[0]
    seed_persons(count=120, seed=31)
    # all of them unemployed persons of working age of 古槐街道: more than a page due there
    Person.objects.filter(pk__gt=before).update(
        county_code="370811",
        township_code="370811001",
        employment_status="unemployed",
        certificate_status="valid",
        certificate_valid_until=None,
        birth_date=date(1985, 3, 1),
    )
    refresh_region(on=TODAY)
    due = CycleCase.objects.filter(year=2026, county_code="370811").exclude(next_due="")
    assert due.count() > 50
    many = queries_of(client, "/support/queue/")
    assert few == many == QUEUE_QUERIES
    # (a filter that leaves no candidate needs no live check: one query fewer, never more)
    assert queries_of(client, "/support/queue/?pillar=check&graduate=1") <= many


def test_persons_and_auditors_without_the_right_get_404(demo_data, queue_people):
    assert signed_in(demo_data["person_user"]).get("/support/queue/").status_code == 404
    assert signed_in(demo_data["person_user"]).get("/support/completion/").status_code == 404
