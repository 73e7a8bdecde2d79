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

from ablework.core.models import AuditRecord
from ablework.registry.audit_actions import RegistryAction
from ablework.registry.models import FlagKind, Person
from ablework.registry.services import open_flag

pytestmark = pytest.mark.django_db

# Views that name the persons they show in the query (or form) rather than in the path: the
# parameters that name them. A view wearing `shows_persons` without a `person_id` must be here.
PERSONS_IN_QUERY = {"registry:duplicate_merge": ("kept", "merged")}


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
        audited = getattr(pattern.callback, "audits_views", False)
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
    """Whether the response shows the person (their name or masked ID is in it)."""
    if getattr(response, "streaming", False) or response.status_code in (301, 302, 303):
        return False
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    return person.name in body or person.resident_id_masked in body


def _views_of(person: Person, actor: Any) -> int:
    return AuditRecord.objects.filter(
        action=RegistryAction.PERSON_VIEW.value,
        target_id=str(person.pk),
        actor_id=actor.pk,
    ).count()


@pytest.mark.parametrize(("route", "name", "pattern"), PERSON_PATTERNS, ids=lambda v: str(v))
def test_every_response_showing_a_person_writes_its_view_row(demo_data, route, name, pattern):
    first, second = Person.objects.filter(county_code="370811", merged_into=None).order_by("pk")[:2]
    flag = open_flag(
        actor=demo_data["rencheng_admin"],
        person=first,
        kind=FlagKind.EMPLOYMENT_DIFFICULTY,
        on=date(2024, 1, 1),
    )
    in_path = "person_id" in pattern.pattern.converters
    assert in_path or name in PERSONS_IN_QUERY, f"{name} shows persons named how?"
    url = _url(route, {"person_id": first.pk, "flag_id": flag.pk})
    query = dict(zip(PERSONS_IN_QUERY.get(name, ()), (first.pk, second.pk), strict=False))
    shown = [first] if in_path else [first, second]
    showed_once = False
    # A counsellor and a county administrator (who also corrects IDs and merges); a plain GET,
    # then a refused POST (empty, or only the persons), which shows the page again.
    for username in ("rencheng_counsellor", "rencheng_admin"):
        actor = demo_data[username]
        client = Client()
        client.force_login(actor)
        for method in ("get", "post"):
            before = {person.pk: _views_of(person, actor) for person in shown}
            response = getattr(client, method)(url, query)
            for person in shown:
                written = _views_of(person, actor) - before[person.pk]
                showing = _shows(response, person)
                showed_once |= showing
                assert written == (1 if showing else 0), (
                    f"{method.upper()} {url} as {username}: status {response.status_code}, "
                    f"{'shows' if showing else 'does not show'} {person.name}, "
                    f"{written} view rows written"
                )
    assert showed_once, f"{name}: no request showed the person, so nothing was checked"
