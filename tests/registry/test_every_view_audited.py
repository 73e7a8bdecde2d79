"""Every response that shows a person's data writes one view row for that person: the record
page, each form about a person (also when refused and shown again), the merge page and the API.

The pages are found from the URL resolver, not from a list: every pattern that takes a person
(a `person_id` in its path, or a view wearing `shows_persons` that names them in its query), so
a page added later is walked too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.employers.models import Employer
from ablework.matching.models import Referral
from ablework.matching.services.postings import create_posting
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import FlagKind, Person
from ablework.registry.services import open_flag
from ablework.registry.viewing import shows_persons
from ablework.support.models import (
    Assessment,
    CorrectionRequest,
    DifficultyApplication,
    EscalationProposal,
    HouseholdMember,
    InformationCheck,
    NeedsRegistration,
    Plan,
    PlanAction,
    PlanState,
    PlanVersion,
    ServiceRecord,
    ZeroEmploymentHousehold,
)
from tests.matching.factories import details

pytestmark = pytest.mark.django_db

# Views that name the persons they show in the query (or form) rather than in the path: the
# parameters that name them. A view wearing `shows_persons` without a `person_id` must be here.
PERSONS_IN_QUERY = {
    "registry:duplicate_merge": ("kept", "merged"),
    "matching:referral_new": ("person",),
}
# Views wearing `shows_persons` whose person is the one signed in (their own pages, which may
# say "我的" instead of their name): walked as that person; each page they are shown is theirs.
THEIR_OWN = {
    "support:mine",
    "support:mine_correction",
    "matching:jobs_saved",
    "matching:jobs_referrals",
    "matching:jobs_referral_withdraw",
}
# Views wearing `shows_persons` whose person is named by a record of theirs in the path.
PERSONS_BY_RECORD = {
    "support:correction_answer",
    "support:difficulty_application",
    "support:difficulty_decide",
    "support:household",
    "support:escalation_decide",
    "support:escalation_reassign",
    "matching:referral_detail",
}
# Views that take a person but only ever answer with a redirect to a page that shows them (a
# change of state): the walk checks they write no view row of their own.
REDIRECTS_ONLY = {"support:plan_submit", "support:plan_approve", "support:plan_action_done"}


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        else:
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry


def _person_patterns() -> list[tuple[str, str, URLPattern]]:
    found = []
    for route, name, pattern in _patterns(get_resolver()):
        in_path = "person_id" in pattern.pattern.converters  # type: ignore[attr-defined]
        audited = getattr(pattern.callback, "audits_views", None) is shows_persons.records  # type: ignore[attr-defined]
        if in_path or audited or name in PERSONS_IN_QUERY:
            found.append((route, name, pattern))
    return found


PERSON_PATTERNS = _person_patterns()


def test_the_walk_finds_the_pages_the_issue_named():
    names = {name for _route, name, _pattern in PERSON_PATTERNS}
    assert {
        "registry:person_detail",
        "registry:person_edit",
        "registry:person_verify",
        "registry:identity_correct",
        "registry:flag_open",
        "registry:flag_end",
        "registry:training_add",
        "registry:person_reveal",
        "registry:duplicate_merge",
        "api:get_person",
        "api:get_history",
    } <= names


def _url(route: str, values: dict[str, Any]) -> str:
    path = "/" + route
    for key, value in values.items():
        for converter in ("int", "str", ""):
            token = f"<{converter}:{key}>" if converter else f"<{key}>"
            path = path.replace(token, str(value))
    assert "<" not in path, f"{route}: a path parameter the walk does not know how to fill"
    return path


def _shows(response: Any, person: Person) -> bool:
    """Whether the response shows the person (their name or masked ID is in it, or, from the
    API, their record by its id)."""
    if getattr(response, "streaming", False) or response.status_code in (301, 302, 303):
        return False
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        if isinstance(data, dict) and data.get("id") == str(person.pk):
            return True
        body = json.dumps(data, ensure_ascii=False)
    return person.name in body or person.resident_id_masked in body


def _support_records(person: Person, staff: User, asker: User) -> dict[str, int]:
    """What the employment-services pages of `person` need to show them: one record of each of
    the 四个一, a plan awaiting approval with one action, a correction they asked for and an
    employment-difficulty application awaiting a decision and an escalation proposal; the path
    values that name them."""
    on = date(2026, 3, 2)
    common = {"person": person, "on": on, "recorded_by": staff}
    records = {
        "check": InformationCheck.objects.create(channel="phone", wants_work=True, **common),
        "assessment": Assessment.objects.create(
            hours_per_day=6, pathway="competitive", summary="可以从事文员工作", **common
        ),
        "needs": NeedsRegistration.objects.create(
            hours_per_week=40, commute_km=10, wage_floor="2200.00", **common
        ),
        "service": ServiceRecord.objects.create(kind="guidance", channel="phone", **common),
    }
    plan = Plan.objects.create(person=person)
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        state=PlanState.SUBMITTED,
        goals="三个月内找到文员工作",
        review_on=on,
        author=staff,
    )
    plan.latest = version
    plan.save(update_fields=["latest"])
    action = PlanAction.objects.create(
        version=version, position=1, text="推荐两个岗位", owner=staff, due_on=on
    )
    asked = CorrectionRequest.objects.create(person=person, text="服务日期不对", requested_by=asker)
    applied = DifficultyApplication.objects.create(
        person=person, criteria=["因身体状况难以实现就业"], applied_on=on, recorded_by=staff
    )
    household = ZeroEmploymentHousehold.objects.create(
        county_code=person.county_code,
        township_code=person.township_code,
        recognised_on=on,
        basis="visit",
        recorded_by=staff,
    )
    HouseholdMember.objects.create(household=household, person=person)
    proposal = EscalationProposal.objects.create(
        person=person,
        rule="referrals",
        parameter="support.escalation_referrals",
        threshold=3,
        source="湖南省实施方案 二（二）5.",
        referral_ids=[records["service"].pk],
        evidence_until=on,
        proposed_on=on,
        route="public_welfare",
        owner=staff,
        due_on=on,
    )
    return {
        **{f"record_id@{kind}": record.pk for kind, record in records.items()},
        "action_id": action.pk,
        "request_id": asked.pk,
        "application_id": applied.pk,
        "household_id": household.pk,
        "proposal_id": proposal.pk,
    }


def _referral(person: Person, staff: User) -> dict[str, int]:
    """A referral of `person` to a posting of their county (its page names them)."""
    posting = create_posting(
        actor=staff,
        employer_id=Employer.objects.filter(county_code=person.county_code).order_by("pk")[0].pk,
        details=details(county_code=person.county_code, township_code=""),
    )
    on = date(2026, 3, 2)
    referral = Referral.objects.create(
        person=person,
        posting=posting,
        state="referred",
        source="search",
        consent_how="written",
        consent_on=on,
        referred_on=on,
        referred_by=staff,
        state_on=on,
    )
    return {"referral_id": referral.pk}


def _path_values(route: str, values: dict[str, int]) -> dict[str, int]:
    """The values of `route`'s path parameters: a record's id is that of the record the route
    is about (`…/check/<int:record_id>/`)."""
    chosen = {key: value for key, value in values.items() if "@" not in key}
    for key, value in values.items():
        name, _, kind = key.partition("@")
        if kind and f"/{kind}/<int:{name}>/" in route:
            chosen[name] = value
    return chosen


def _views_of(person: Person, actor: Any) -> int:
    return AuditRecord.objects.filter(
        action=RegistryAction.PERSON_VIEW.value,
        target_id=str(person.pk),
        actor_id=actor.pk,
    ).count()


@pytest.mark.parametrize(("route", "name", "pattern"), PERSON_PATTERNS, ids=lambda v: str(v))
def test_every_response_showing_a_person_writes_its_view_row(demo_data, route, name, pattern):
    first, second = Person.objects.filter(county_code="370811", merged_into=None).order_by("pk")[:2]
    assert demo_data["person_user"].person_id == first.pk  # their own pages show `first` too
    flag = open_flag(
        actor=demo_data["rencheng_admin"],
        person=first,
        kind=FlagKind.EMPLOYMENT_DIFFICULTY,
        on=date(2024, 1, 1),
    )
    in_path = "person_id" in pattern.pattern.converters
    named = in_path or name in PERSONS_IN_QUERY or name in THEIR_OWN or name in PERSONS_BY_RECORD
    assert named, f"{name} shows persons named how?"
    values = {"person_id": first.pk, "flag_id": flag.pk}
    values |= _support_records(first, demo_data["rencheng_counsellor"], demo_data["person_user"])
    values |= _referral(first, demo_data["rencheng_counsellor"])
    url = _url(route, _path_values(route, values))
    # The persons the query names, one per parameter (the merge page two, a referral's form
    # one): only those are checked, since a masked resident ID (370811************) on a page
    # is every person's of the county, named or not.
    named_in_query = PERSONS_IN_QUERY.get(name, ())
    query = dict(zip(named_in_query, (first.pk, second.pk), strict=False))
    shown = [first, second][: len(named_in_query)] if named_in_query else [first]
    showed_once = False
    # A counsellor and a county administrator (who also corrects IDs and merges), or the person
    # on their own pages; a plain GET, then a refused POST (empty, or only the persons), which
    # shows the page again.
    usernames = ("person_user",) if name in THEIR_OWN else ("rencheng_counsellor", "rencheng_admin")
    for username in usernames:
        actor = demo_data[username]
        client = Client()
        client.force_login(actor)
        for method in ("get", "post"):
            before = {person.pk: _views_of(person, actor) for person in shown}
            response = getattr(client, method)(url, query)
            for person in shown:
                written = _views_of(person, actor) - before[person.pk]
                showing = (
                    response.status_code == 200 if name in THEIR_OWN else _shows(response, person)
                )
                showed_once |= showing
                assert written == (1 if showing else 0), (
                    f"{method.upper()} {url} as {username}: status {response.status_code}, "
                    f"{'shows' if showing else 'does not show'} {person.name}, "
                    f"{written} view rows written"
                )
    if name in REDIRECTS_ONLY:
        assert not showed_once, f"{name} was declared to redirect only, but showed the person"
    else:
        assert showed_once, f"{name}: no request showed the person, so nothing was checked"
