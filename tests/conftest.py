"""Shared fixtures: a small deterministic 济宁市 data set and one account per demo role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from ablework.accounts.models import User
from ablework.core.region_centres import fill_region_centres
from ablework.core.region_names import forget_region_names
from ablework.core.regions import load_national_regions
from ablework.demo.declarations import DemoDeclarations, seed_quota_demo
from ablework.demo.events import DemoEvents, seed_events_demo
from ablework.demo.graduates import seed_graduates_demo
from ablework.demo.households import seed_households_demo
from ablework.demo.levy import DemoLevy, seed_levy_demo
from ablework.demo.organs import seed_notices_demo, seed_organs_demo
from ablework.demo.postings import seed_postings_demo
from ablework.demo.seeding import DEMO_PASSWORD, create_demo_accounts, seed_employers, seed_persons
from ablework.demo.seeker import seed_seeker_demo
from ablework.demo.submissions import DemoSubmissions, seed_submissions_demo
from ablework.demo.support import seed_support_demo
from ablework.demo.support_difficulty import seed_difficulty_demo
from ablework.demo.support_plans import seed_support_plans_demo
from ablework.demo.support_records import seed_support_records_demo
from ablework.employers.models import Employer
from ablework.parameters.selectors import APPROVED_LOCAL_VALUES
from ablework.registry.models import Person
from ablework.rules.engine.parameters import register_local_values, unregister_local_values


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Each test counts afresh: the home page's cached counts would outlive a test's data."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_region_names() -> None:
    """Each test names regions from its own database: the per-process mapping starts empty
    (a test's regions are rolled back with it, and tests add regions without the services)."""
    forget_region_names()


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language (Chinese): a test that switched to English, by a
    command's option or a request, does not leave the next test on the same worker reading
    English messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server"})


@pytest.fixture(autouse=True)
def local_parameter_values(request: pytest.FixtureRequest) -> Iterator[None]:
    """The engine reads approved local values from the database: tests without a database use
    the YAML files alone (each test with one starts from an empty cache, so reloads them)."""
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    ):
        yield
        return
    unregister_local_values(APPROVED_LOCAL_VALUES)
    yield
    register_local_values(APPROVED_LOCAL_VALUES)


@pytest.fixture
def demo_data(db: None) -> dict[str, User]:
    """Seeded persons and employers across 济宁市's counties, and the demo accounts by username."""
    seed_employers(count=40, seed=7)
    seed_persons(count=200, seed=7)
    return {user.username: user for user in create_demo_accounts(password=DEMO_PASSWORD)}


@pytest.fixture
def demo_quota(demo_data: dict[str, User]) -> DemoDeclarations:
    """On top of demo_data, what `ablework demo` adds for quota: certificate histories in 2025,
    the local values (山东's social average wage) and the declarations in every status, with
    `employer_user`'s open 2025 draft (see ablework/demo/declarations.py)."""
    return seed_quota_demo(demo_data)


@pytest.fixture
def demo_organs(demo_quota: DemoDeclarations, demo_data: dict[str, User]) -> dict[str, Employer]:
    """On top of demo_quota, the demo's organs and institutions (ablework/demo/organs.py): their
    certified declarations, a work plan, a supervising unit and its account `wenlv_user`."""
    return seed_organs_demo(demo_data)


@pytest.fixture
def demo_levy(demo_quota: DemoDeclarations, demo_data: dict[str, User]) -> DemoLevy:
    """On top of demo_quota, the demo's levy season: 济宁's 2024 and 2025 assessments, the 2025
    tax bureau's list exported and sent, some collected amounts (ablework/demo/levy.py)."""
    return seed_levy_demo(demo_data)


@pytest.fixture
def demo_notices(demo_organs: dict[str, Employer], demo_data: dict[str, User]) -> dict[str, Any]:
    """On top of demo_organs, the demo's public notices: 任城区's published one with an answered
    appeal, 济宁市's draft awaiting approval."""
    return seed_notices_demo(demo_data)


@pytest.fixture
def demo_plans(demo_data: dict[str, User]) -> dict[str, Person]:
    """On top of demo_data, the demo's plans (ablework/demo/support_plans.py): `person_user`'s
    plan approved twice with an overdue action of `rencheng_counsellor`, another person's plan
    awaiting `rencheng_admin`."""
    return seed_support_plans_demo(demo_data)


@pytest.fixture
def demo_support(demo_data: dict[str, User]) -> dict[str, Any]:
    """On top of demo_data, the demo's "四个一" queue: records of this cycle for some persons of
    任城区 and 微山县 and the city's refreshed queue rows (ablework/demo/support.py)."""
    return seed_support_demo(demo_data)


@pytest.fixture
def demo_graduates(demo_data: dict[str, User]) -> list[Any]:
    """On top of demo_data, 任城区's 2026 cohort of graduates imported from a file, with offers
    and monthly statuses (ablework/demo/graduates.py)."""
    return seed_graduates_demo(demo_data)


@pytest.fixture
def demo_support_records(demo_data: dict[str, User]) -> dict[str, list[Person]]:
    """On top of demo_data, the demo's records of the 四个一 (ablework/demo/support_records.py):
    任城区's counsellor's and 古槐街道's worker's persons, and 微山县's."""
    return seed_support_records_demo(demo_data)


@pytest.fixture
def demo_difficulty(demo_data: dict[str, User]) -> dict[str, Any]:
    """On top of demo_data, the demo's employment difficulty (ablework/demo/support_difficulty.py):
    任城区's applications recognised (one expiring in ten days), refused and pending."""
    return seed_difficulty_demo(demo_data)


@pytest.fixture
def demo_households(demo_data: dict[str, User]) -> None:
    """On top of demo_data, the demo's zero-employment households (ablework/demo/households.py):
    two tracked and one resolved from a registry job in 任城区, one tracked in 微山县."""
    seed_households_demo(demo_data)


@pytest.fixture
def demo_postings(demo_data: dict[str, User]) -> list[Any]:
    """On top of demo_data, the demo's job postings (ablework/demo/postings.py): each kind and
    status, in 任城区 (古槐街道 among them), 微山县 and 曲阜市."""
    return seed_postings_demo(demo_data)


@pytest.fixture
def demo_events(demo_postings: list[Any], demo_data: dict[str, User]) -> DemoEvents:
    """On top of demo_postings, the demo's recruitment events (ablework/demo/events.py): 任城区's
    on-site job fair held twelve days ago with its outcomes, 济宁市's online one in ten days."""
    return seed_events_demo(demo_data)


@pytest.fixture
def demo_seeker(demo_postings: list[Any], demo_data: dict[str, User]) -> list[Any]:
    """On top of demo_postings, `person_user`'s two saved postings, one since closed
    (ablework/demo/seeker.py)."""
    return seed_seeker_demo(demo_data)


@pytest.fixture
def counsellor(demo_data: dict[str, User]) -> User:
    """任城区's employment service counsellor (who imports the county's files, among others)."""
    return demo_data["rencheng_counsellor"]


@pytest.fixture
def national_regions(transactional_db: None) -> None:
    """The province/city/county tree with the regions' centres, as the migrations load them.

    The live server needs committed data, so these are transactional tests, and the flush after
    each one also empties the tables the migrations filled. Reloading the tree in bulk is much
    faster than Django's serialized rollback (one save per region), on PostgreSQL above all.
    Without the centres, a person's commute could not be measured after the first such test.
    """
    load_national_regions()
    fill_region_centres()


@pytest.fixture
def demo_submissions(demo_data: dict[str, User]) -> DemoSubmissions:
    """On top of demo_data, the demo's period lock (ablework/demo/submissions.py): 任城区's 2026
    quarters locked (the second revised), its year awaiting approval, 兖州区's year returned."""
    return seed_submissions_demo(demo_data)
