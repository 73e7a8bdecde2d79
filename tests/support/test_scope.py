"""属地管理 for employment services: a counsellor of another county, or a township's worker for a
person of another township, can neither see nor record the person's services — not on the
pages (opening or posting a form, correcting a record), not through the services, not through
the API, not by importing the graduates' list — and nothing is saved. Runs on SQLite and, with
DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.errors import NotFound
from ablework.registry.models import Person
from ablework.support.models import (
    Assessment,
    Graduate,
    InformationCheck,
    MatchProblem,
    NeedsRegistration,
    ServiceRecord,
)
from ablework.support.services.cases import refresh_cases
from ablework.support.services.records import (
    AssessmentInput,
    CheckInput,
    NeedsInput,
    ServiceInput,
    record_assessment,
    record_check,
    record_needs,
    record_service,
)
from ablework.support.vocabulary import DEMANDS
from tests.exchange.files import import_file, problems_of, write_csv
from tests.helpers import signed_in
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
MODELS = (InformationCheck, Assessment, NeedsRegistration, ServiceRecord)
GRADUATES_HEADER = ["姓名", "公民身份号码", "毕业院校", "专业", "毕业时间", "联系电话", "就业意向"]

# What a worker types into each record's form (valid: the person's own worker saves it).
FORMS: dict[str, dict[str, Any]] = {
    "record_check": {
        "on": f"{TODAY}",
        "channel": "phone",
        "verified": ["identity", "contact"],
        "wants_work": "yes",
        "given_by": "王强",
    },
    "record_assessment": {
        "on": f"{TODAY}",
        **{f"ability_{demand}": "can" for demand in DEMANDS},
        "hours_per_day": "6",
        "pathway": "competitive",
        "methods": ["interview"],
        "summary": "能胜任一般办公室工作。",
        "given_by": "王强",
    },
    "record_needs": {
        "on": f"{TODAY}",
        "hours_per_week": "40",
        "commute_km": "10",
        "wage_floor": "2200",
        "given_by": "王强",
    },
    "record_service": {
        "on": f"{TODAY}",
        "kind": "guidance",
        "channel": "phone",
        "result": "given",
        "outcome": "介绍了本地的就业政策。",
        "given_by": "王强",
    },
}
CORRECTIONS = {
    "record_check_correct": InformationCheck,
    "record_assessment_correct": Assessment,
    "record_needs_correct": NeedsRegistration,
    "record_service_correct": ServiceRecord,
}


@pytest.fixture
def people(demo_data: dict[str, User]) -> dict[str, Person]:
    """Unemployed persons of 古槐街道 and 越河街道 (任城区) and of 微山县."""
    return {
        "guhuai": PersonFactory(name="古槐甲", township_code="370811001"),
        "yuehe": PersonFactory(name="越河乙", township_code="370811002"),
        "weishan": PersonFactory(name="微山丙", county_code="370826"),
    }


# (who tries, whose person): another county's counsellor, a township's worker for a person of
# another township of their own county, and of another county.
OUTSIDERS = [
    ("weishan_counsellor", "guhuai"),
    ("rencheng_township", "yuehe"),
    ("rencheng_township", "weishan"),
]
# The person's own worker, who may.
OWN_WORKER = {
    "guhuai": "rencheng_township",
    "yuehe": "rencheng_counsellor",
    "weishan": "weishan_counsellor",
}


def saved() -> list[int]:
    return [model.objects.count() for model in MODELS]


def _inputs() -> dict[str, Any]:
    return {
        "check": CheckInput(
            on=TODAY, channel="phone", verified=("contact",), wants_work=True, given_by="王强"
        ),
        "assessment": AssessmentInput(
            on=TODAY,
            abilities={},
            hours_per_day=Decimal(6),
            needs=(),
            pathway="competitive",
            methods=("interview",),
            summary="能胜任一般办公室工作。",
            given_by="王强",
        ),
        "needs": NeedsInput(
            on=TODAY,
            occupations=("客户服务",),
            skills="",
            hours_per_week=40,
            places="",
            commute_km=10,
            wage_floor=Decimal(2200),
            accepts_remote=False,
            needs=(),
            training_wishes="",
            given_by="王强",
        ),
        "service": ServiceInput(
            on=TODAY,
            kind="guidance",
            channel="phone",
            result="given",
            outcome="介绍了本地的就业政策。",
            next_step="",
            next_due=None,
            given_by="王强",
        ),
    }


def _record_all(actor: User, person: Person) -> None:
    """The four services, as the person's own worker (or an outsider, refused)."""
    inputs = _inputs()
    record_check(actor=actor, person_id=person.pk, check=inputs["check"])
    record_assessment(actor=actor, person_id=person.pk, assessment=inputs["assessment"])
    record_needs(actor=actor, person_id=person.pk, needs=inputs["needs"])
    record_service(actor=actor, person_id=person.pk, service=inputs["service"])


@pytest.mark.parametrize(("outsider", "whose"), OUTSIDERS)
def test_pages_refuse_to_show_or_record_a_person_outside_the_area(
    demo_data, people, outsider, whose
):
    person = people[whose]
    client = signed_in(demo_data[outsider])
    before = saved()
    assert client.get(reverse("support:person", args=[person.pk])).status_code == 404
    for name, data in FORMS.items():
        url = reverse(f"support:{name}", args=[person.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, data).status_code == 404, name
    assert saved() == before
    # the same forms, posted by the person's own worker, are saved
    own = signed_in(demo_data[OWN_WORKER[whose]])
    for name, data in FORMS.items():
        response = own.post(reverse(f"support:{name}", args=[person.pk]), data)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    assert saved() == [count + 1 for count in before]


@pytest.mark.parametrize(("outsider", "whose"), OUTSIDERS)
def test_records_of_a_person_outside_the_area_cannot_be_opened_or_corrected(
    demo_data, people, outsider, whose
):
    person = people[whose]
    _record_all(demo_data[OWN_WORKER[whose]], person)
    client = signed_in(demo_data[outsider])
    # the outsider's own person, to try the record's id under a person they may see
    mine = people["weishan" if outsider == "weishan_counsellor" else "guhuai"]
    for name, model in CORRECTIONS.items():
        record = model.objects.get(person=person)
        data = {**FORMS[name.removesuffix("_correct")], "version": record.version}
        for pk in (person.pk, mine.pk):
            url = reverse(f"support:{name}", args=[pk, record.pk])
            assert client.get(url).status_code == 404, (name, pk)
            assert client.post(url, data).status_code == 404, (name, pk)
        record.refresh_from_db()
        assert record.version == 1
    assert client.get(reverse("support:person", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize(("outsider", "whose"), OUTSIDERS)
def test_the_services_refuse_and_save_nothing(demo_data, people, outsider, whose):
    before = saved()
    actor, person = demo_data[outsider], people[whose]
    inputs = _inputs()
    with pytest.raises(NotFound):
        record_check(actor=actor, person_id=person.pk, check=inputs["check"])
    with pytest.raises(NotFound):
        record_assessment(actor=actor, person_id=person.pk, assessment=inputs["assessment"])
    with pytest.raises(NotFound):
        record_needs(actor=actor, person_id=person.pk, needs=inputs["needs"])
    with pytest.raises(NotFound):
        record_service(actor=actor, person_id=person.pk, service=inputs["service"])
    assert saved() == before


@pytest.mark.parametrize(("outsider", "whose"), OUTSIDERS)
def test_the_api_answers_404_outside_the_area(demo_data, people, outsider, whose):
    person = people[whose]
    _record_all(demo_data[OWN_WORKER[whose]], person)
    url = f"/api/v1/support/persons/{person.pk}/market-entry"
    own = signed_in(demo_data[OWN_WORKER[whose]]).get(url)
    assert own.status_code == 200
    assert own.json()["id"] == str(person.pk)
    refused = signed_in(demo_data[outsider]).get(url)
    assert refused.status_code == 404
    assert str(person.pk) not in refused.content.decode()


@pytest.mark.parametrize(("outsider", "whose"), OUTSIDERS)
def test_the_home_card_and_queue_show_no_one_outside_the_area(demo_data, people, outsider, whose):
    person = people[whose]
    record_service(
        actor=demo_data[OWN_WORKER[whose]],
        person_id=person.pk,
        service=_inputs()["service"],
    )
    refresh_cases(person_ids=[p.pk for p in people.values()], on=TODAY)
    client = signed_in(demo_data[outsider])
    assert person.name not in client.get("/").content.decode()
    assert person.name not in client.get("/support/queue/").content.decode()
    own = signed_in(demo_data[OWN_WORKER[whose]])
    assert person.name in own.get("/").content.decode()
    assert person.name in own.get("/support/queue/").content.decode()


def _graduate_row(person: Person) -> list[str]:
    return [person.name, person.resident_id, "济宁学院", "会计", "2026-06-30", "", "财务助理"]


def test_the_graduates_import_does_not_match_a_person_of_another_county(
    demo_data, people, tmp_path: Path
):
    """任城区's counsellor imports a list naming 微山县's person: not matched to the record."""
    rows = [_graduate_row(people["weishan"]), _graduate_row(people["guhuai"])]
    import_file(
        demo_data["rencheng_counsellor"],
        write_csv(tmp_path / "名单.csv", rows, GRADUATES_HEADER),
        kind="graduates",
    )
    by_name = {g.name: g for g in Graduate.objects.all()}
    outside = by_name[people["weishan"].name]
    assert (outside.person_id, outside.match_problem) == (None, MatchProblem.OUTSIDE)
    assert outside.county_code == "370811"
    assert by_name[people["guhuai"].name].person_id == people["guhuai"].pk
    # 微山县's counsellor does not see the graduate 任城区 imported, nor its ledger
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert weishan.get(f"/support/graduates/{outside.pk}/").status_code == 404
    assert people["weishan"].name not in weishan.get("/support/graduates/").content.decode()


def test_a_township_worker_imports_only_their_townships_graduates(
    demo_data, people, tmp_path: Path
):
    """A township's worker imports for their township: a graduate registered in another
    township of the county is refused on the row's resident ID, and is not written nor matched;
    their own township's graduate is, matched to the person."""
    rows = [_graduate_row(people["yuehe"]), _graduate_row(people["guhuai"])]
    batch = import_file(
        demo_data["rencheng_township"],
        write_csv(tmp_path / "名单.csv", rows, GRADUATES_HEADER),
        kind="graduates",
    )
    assert problems_of(batch) == [
        (
            2,
            "公民身份号码",
            "此人在实名制信息库中登记在您所在的乡镇（街道）以外，请由其登记地的工作人员导入",
        ),
    ]
    graduate = Graduate.objects.get()
    assert (graduate.person_id, graduate.township_code) == (people["guhuai"].pk, "370811001")
