"""Each app declares its navigation entry and home card; the home page's counts stay cheap."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from ablework.accounts.roles import ROLE_PERMISSIONS, Role
from ablework.registry.models import Person
from ablework.shell.navigation import installed_sections, pages_reached_with
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

PERSONS_TABLE = Person._meta.db_table


def nav_labels(page: str) -> list[str]:
    nav = page[page.index('<nav aria-label="主导航">') : page.index("</nav>")]
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def counts_over_persons(queries: list[dict[str, str]]) -> list[str]:
    """The COUNTs whose rows are the persons themselves (a count of another table's rows, joined
    to the persons for their place, counts that table's rows)."""
    counted = re.compile(rf'COUNT\(.*\) AS "__count" FROM "{PERSONS_TABLE}"', re.IGNORECASE)
    return [q["sql"] for q in queries if counted.search(q["sql"])]


@pytest.fixture
def fresh_sections() -> Iterator[None]:
    installed_sections.cache_clear()
    yield
    installed_sections.cache_clear()


def test_navigation_shows_each_section_the_role_may_open_in_order(demo_data):
    admin = signed_in(demo_data["jining_admin"]).get("/").content.decode()
    counsellor = signed_in(demo_data["rencheng_counsellor"]).get("/").content.decode()
    person = signed_in(demo_data["person_user"]).get("/").content.decode()

    assert nav_labels(admin) == [
        "首页",
        "残疾人信息",
        "导入与比对",
        "用人单位",
        "就业服务",
        "“四个一”完成情况",
        "招聘岗位",
        "按比例就业申报",
        "申报审核",
        "带头安置",
        "集中就业",
        "征收核定",
        "超比例奖励",
        "目标",  # targets (issue 14), after 超比例奖励 (40) and the sample app's 培训报名 (50)
        "监测指标",  # the indicator dashboard (issue 14)
        "行政区划",
        "本地参数",
        "账户管理",
        "审计日志",
    ]
    assert nav_labels(counsellor) == [
        "首页",
        "残疾人信息",
        "导入与比对",
        "用人单位",
        "就业服务",  # the 四个一 queue (issue 12); supervising its completion is not theirs
        "招聘岗位",  # job postings of their area (issue 13)
        "按比例就业申报",
        "申报审核",  # counsellors review declarations (issue 11), and with the same right
        "带头安置",  # see the units of concentrated employment and the over-quota rewards
        "集中就业",
        "超比例奖励",
        "目标",  # they read the targets of their area (INDICATORS_VIEW)
        "监测指标",
    ]
    assert nav_labels(person) == ["首页", "残疾人信息"]


def test_the_current_section_is_marked_in_the_navigation(demo_data):
    page = signed_in(demo_data["jining_admin"]).get("/employers/").content.decode()
    assert re.search(r'<a href="/employers/" aria-current="page">用人单位</a>', page)
    # one entry of the main navigation is marked (the section's own navigation marks its page)
    main_navigation = page.split("</header>")[0]
    assert main_navigation.count('aria-current="page"') == 1
    # the review queue is its own entry's page, not also the declarations' entry's
    page = signed_in(demo_data["rencheng_admin"]).get("/quota/review/").content.decode()
    main_navigation = page.split("</header>")[0]
    assert main_navigation.count('aria-current="page"') == 1
    assert re.search(r'<a href="/quota/review/" aria-current="page">申报审核</a>', main_navigation)


def test_warm_home_page_counts_nothing_over_the_persons_table(demo_data):
    # given a city administrator who opened the home page once (the count is made then)
    client = signed_in(demo_data["jining_admin"])
    whole_city = Person.objects.filter(county_code__startswith="3708").count()
    with CaptureQueriesContext(connection) as cold:
        first = client.get("/").content.decode()
    assert len(counts_over_persons(cold.captured_queries)) == 1
    assert f">{whole_city}<" in first

    # when they open it again
    with CaptureQueriesContext(connection) as warm:
        again = client.get("/").content.decode()

    # then no COUNT runs over the persons table, and the figure says it is approximate
    assert counts_over_persons(warm.captured_queries) == []
    assert f">约 {whole_city}<" in again
    assert "分钟内最近一次统计的结果" in again


def test_counts_are_kept_per_scope(demo_data):
    signed_in(demo_data["jining_admin"]).get("/")
    county = Person.objects.filter(county_code="370811").count()
    page = signed_in(demo_data["rencheng_counsellor"]).get("/").content.decode()
    assert f">{county}<" in page  # not the city's cached figure


@override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "tests.shell.sample_app"])
def test_a_new_app_appears_in_navigation_home_and_crawl_by_its_own_module_alone(
    demo_data, fresh_sections
):
    # given an app that only declares a section in its own sections.py
    # when an administrator opens the home page
    page = signed_in(demo_data["jining_admin"]).get("/").content.decode()

    # then its navigation entry sits in its declared place, its card and figure are shown,
    # and the crawl expects the page it declares for the permission it needs
    # order 50: after 用人单位 (30), 就业服务 (30), “四个一”完成情况 (31), 招聘岗位 (33),
    # 按比例就业申报 (35),
    # 申报审核 (36), 带头安置 (37), 集中就业 (38), 征收核定 (39) and 超比例奖励 (40), before
    # 行政区划 (80)
    assert nav_labels(page)[13] == "培训报名"
    assert '<h2 id="card-training">培训报名</h2>' in page
    assert ">1234<" in page
    assert "shell:regions" in pages_reached_with(ROLE_PERMISSIONS[Role.CITY_ADMIN])
    counsellor = signed_in(demo_data["rencheng_counsellor"]).get("/").content.decode()
    assert "培训报名" not in counsellor
