"""Job seekers browse and search postings (`/matching/jobs/`): what a person, a family member
with consent and staff see, each filter as a person uses it, one posting in plain words, and
who gets nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.matching.models import JobPosting, PostingStatus
from ablework.matching.services.postings import create_posting
from tests.accounts.factories import FamilyUserFactory
from tests.helpers import signed_in
from tests.matching.factories import details

pytestmark = pytest.mark.django_db

OPEN_IN_JINING = {
    "电话客服专员",
    "社区公益保洁员",
    "公交站报刊亭经营",
    "手工编织（辅助性就业）",
    "盲人按摩师",
    "公益性岗位：村级残疾人专职委员",
    "景区电商客服（居家）",
}


def _titles(body: str) -> set[str]:
    return set(re.findall(r'<h3 id="job-\d+"><a href="/matching/jobs/\d+/">([^<]+)</a>', body))


def _search(user: User, **query: object) -> tuple[int, set[str], str]:
    response = signed_in(user).get("/matching/jobs/", query)
    assert response.status_code == 200
    body = response.content.decode()
    return response.status_code, _titles(body), body


def _posting(title: str) -> JobPosting:
    return JobPosting.objects.get(title=title)


def test_a_person_sees_the_open_postings_of_their_city_and_how_many(demo_data, demo_postings):
    _status, titles, body = _search(demo_data["person_user"])
    # drafts, filled, closed and expired postings are not offered; 微山县 and 曲阜市 are in 济宁
    assert titles == OPEN_IN_JINING
    assert '<h2 id="results-heading">找到 7 个岗位</h2>' in body
    results = body.split('id="results-heading"')[1]
    assert "残疾人定向招聘岗位" in results  # kinds by name, never their codes
    assert "targeted" not in results


def test_a_person_does_not_see_postings_of_another_city(demo_data, demo_postings):
    elsewhere = create_posting(
        actor=demo_data["admin"],
        employer_id=demo_postings[0].employer_id,
        details=details(
            title="济南的岗位",
            county_code="370102",
            township_code="",
            valid_from=timezone.localdate() - timedelta(days=1),
            valid_until=timezone.localdate() + timedelta(days=30),
        ),
    )
    person = signed_in(demo_data["person_user"])
    assert "济南的岗位" not in _search(demo_data["person_user"])[1]
    assert person.get(f"/matching/jobs/{elsewhere.pk}/").status_code == 404
    # the city's administrator's own area neither
    assert "济南的岗位" not in _search(demo_data["jining_admin"])[1]


def test_words_are_looked_for_in_the_title_tasks_and_employer(demo_data, demo_postings):
    person = demo_data["person_user"]
    assert _search(person, q="客服")[1] == {"电话客服专员", "景区电商客服（居家）"}
    assert _search(person, q="报刊")[1] == {"公交站报刊亭经营"}  # in the title and tasks
    assert _search(person, q="草编")[1] == {"手工编织（辅助性就业）"}  # in the tasks only
    employer = _posting("盲人按摩师").employer.name
    assert "盲人按摩师" in _search(person, q=employer)[1]
    # every word must be found
    assert _search(person, q="客服 居家")[1] == {"景区电商客服（居家）"}
    _status, titles, body = _search(person, q="宇航员")
    assert titles == set()
    assert "找到 0 个岗位" in body
    assert "没有符合条件的岗位。可以少选几个条件再找一找。" in body


def test_each_filter_narrows_as_its_label_says(demo_data, demo_postings):
    person = demo_data["person_user"]
    assert _search(person, county="370826")[1] == {"盲人按摩师", "公益性岗位：村级残疾人专职委员"}
    assert _search(person, kind="public_welfare")[1] == {
        "社区公益保洁员",
        "公益性岗位：村级残疾人专职委员",
    }
    assert _search(person, kind="reserved_outlet")[1] == {"公交站报刊亭经营"}
    assert _search(person, remote="on")[1] == {"景区电商客服（居家）"}
    assert _search(person, max_hours="30")[1] == {
        "社区公益保洁员",
        "手工编织（辅助性就业）",
        "公益性岗位：村级残疾人专职委员",
    }
    assert _search(person, min_wage="2500")[1] == {
        "电话客服专员",
        "公交站报刊亭经营",
        "盲人按摩师",
    }
    # every accommodation asked for is offered
    assert _search(person, workplace=["step_free", "accessible_toilet"])[1] == {
        "电话客服专员",
        "手工编织（辅助性就业）",
    }
    assert _search(person, accommodations=["screen_reader"])[1] == {
        "电话客服专员",
        "盲人按摩师",
        "景区电商客服（居家）",
    }
    assert _search(person, accommodations=["sign_language"])[1] == set()


def test_the_filters_are_labelled_and_grouped(demo_data, demo_postings):
    body = _search(demo_data["person_user"])[2]
    assert 'method="get"' in body
    for legend in ("找什么岗位", "工作时间和工资", "工作场所的无障碍设施", "可以提供的便利条件"):
        assert f"<legend>{legend}" in body
    labels = ("关键词", "每周工作不超过（小时）", "月工资下限不低于（元）")
    labels += ("只看可以居家办公的岗位",)
    for label in labels:
        assert f">{label}</label>" in body
    assert ">无障碍通道</label>" in body
    assert ">手语翻译</label>" in body
    # remote work is its own filter, not one more accommodation
    assert ">居家办公</label>" not in body
    # counties of the person's city by name
    assert '<option value="370826">微山县</option>' in body


def test_a_wrong_filter_says_what_and_where_and_the_others_still_apply(demo_data, demo_postings):
    _status, titles, body = _search(demo_data["person_user"], max_hours="很多", kind="auxiliary")
    assert 'role="alert"' in body
    assert '<a href="#id_max_hours">每周工作不超过（小时）：' in body
    assert titles == {"手工编织（辅助性就业）"}


def test_results_come_a_page_at_a_time(demo_data, demo_postings, monkeypatch):
    monkeypatch.setattr("ablework.matching.seeker_views.PAGE_SIZE", 4)
    person = signed_in(demo_data["person_user"])
    first = person.get("/matching/jobs/", {"kind": ""}).content.decode()
    assert len(_titles(first)) == 4
    assert "找到 7 个岗位" in first
    after = re.search(r'href="\?kind=&amp;after=(\d+)" rel="next"', first)
    assert after is not None
    second = person.get("/matching/jobs/", {"kind": "", "after": after.group(1)}).content.decode()
    assert _titles(first) | _titles(second) == OPEN_IN_JINING
    assert "回到第一页" in second


def test_a_posting_reads_in_plain_words_by_name(demo_data, demo_postings):
    posting = _posting("公交站报刊亭经营")
    body = signed_in(demo_data["person_user"]).get(f"/matching/jobs/{posting.pk}/")
    text = body.content.decode()
    assert body.status_code == 200
    assert "经营公交站旁的报刊亭" in text
    assert "任城区" in text
    assert "任城区太白楼中路公交站" in text
    assert "每月 2500.00 至 4000.00 元" in text
    assert "48 小时" in text
    assert "每天 7:00—19:00，可自行安排" in text
    assert "经营协议（岗亭、摊位、零售点）" in text
    assert "<li>计算</li>" in text
    assert "<li>接待顾客</li>" in text
    assert "<li>长时间站立（可以调整）</li>" in text
    assert "工作场所的无障碍设施：无障碍通道" in text
    assert "单位可以提供的便利条件：坐姿作业、弹性工时" in text
    assert "怎样申请" in text
    for code in ("stand_long", "step_free", "operating_agreement", "reserved_outlet", "370811"):
        assert code not in text


def test_a_posting_without_a_published_address_says_so(demo_data, demo_postings):
    posting = _posting("盲人按摩师")
    text = signed_in(demo_data["person_user"]).get(f"/matching/jobs/{posting.pk}/").content.decode()
    assert "微山县。招聘单位没有公布详细地址" in text


def test_remote_work_is_said_in_words(demo_data, demo_postings):
    posting = _posting("景区电商客服（居家）")
    text = signed_in(demo_data["person_user"]).get(f"/matching/jobs/{posting.pk}/").content.decode()
    assert "可以居家办公。" in text


def test_a_posting_that_is_not_open_today_is_not_found(demo_data, demo_postings):
    person = signed_in(demo_data["person_user"])
    for status in (PostingStatus.DRAFT, PostingStatus.CLOSED, PostingStatus.FILLED):
        posting = JobPosting.objects.filter(status=status).first()
        assert posting is not None
        assert person.get(f"/matching/jobs/{posting.pk}/").status_code == 404


def test_a_family_member_browses_the_consenting_persons_city(demo_data, demo_postings):
    assert _search(demo_data["family_user"])[1] == OPEN_IN_JINING
    without_consent = FamilyUserFactory()
    _status, titles, body = _search(without_consent)
    assert titles == set()
    assert "目前没有有效的代办授权" in body


def test_staff_browse_their_area_without_saving(demo_data, demo_postings):
    _status, titles, _body = _search(demo_data["weishan_counsellor"])
    assert titles == {"盲人按摩师", "公益性岗位：村级残疾人专职委员"}
    posting = _posting("盲人按摩师")
    detail = signed_in(demo_data["weishan_counsellor"]).get(f"/matching/jobs/{posting.pk}/")
    assert detail.status_code == 200
    assert "收藏这个岗位" not in detail.content.decode()


def test_an_employer_and_a_training_provider_get_no_such_page(demo_data, demo_postings):
    posting = _posting("电话客服专员")
    for username in ("employer_user", "rencheng_trainer"):
        client = signed_in(demo_data[username])
        assert client.get("/matching/jobs/").status_code == 404
        assert client.get(f"/matching/jobs/{posting.pk}/").status_code == 404


def test_the_person_finds_the_pages_on_their_home_page(demo_data, demo_postings):
    person = signed_in(demo_data["person_user"])
    home = person.get("/").content.decode()
    assert "找工作" in home
    assert '<a href="/matching/jobs/">查找岗位</a>' in home
    assert '<a href="/matching/jobs/saved/">我收藏的岗位</a>' in home
    listing = person.get("/matching/jobs/").content.decode()
    assert '<a href="/matching/jobs/" aria-current="page">查找岗位</a>' in listing
    # the staff's postings list is not offered to a person
    assert "/matching/postings/" not in listing
    # staff reach the same search from their postings card
    staff_home = signed_in(demo_data["rencheng_counsellor"]).get("/").content.decode()
    assert '<a href="/matching/jobs/">求职者看到的岗位</a>' in staff_home
    assert "我收藏的岗位" not in staff_home
