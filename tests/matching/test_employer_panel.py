"""The postings panel on an employer's page: what the employer and staff see of its postings at a
glance, and where its links lead."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ablework.matching.services.postings import close_posting, create_posting
from tests.helpers import signed_in
from tests.matching.factories import details

pytestmark = pytest.mark.django_db


def _post(user, employer_id: int, title: str, until: date):  # type: ignore[no-untyped-def]
    today = date.today()
    return create_posting(
        actor=user,
        employer_id=employer_id,
        details=details(title=title, valid_from=today - timedelta(days=10), valid_until=until),
    )


def test_the_employer_page_lists_open_postings_soonest_expiry_first_and_marks_those_ending_soon(
    demo_data,
) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    employer = demo_data["employer_user"].employer
    today = date.today()
    later = _post(counsellor, employer.pk, "仓库分拣员", today + timedelta(days=60))
    soon = _post(counsellor, employer.pk, "电话客服", today + timedelta(days=7))
    closed = _post(counsellor, employer.pk, "收银员", today + timedelta(days=30))
    close_posting(actor=counsellor, posting=closed, on=today)

    page = signed_in(counsellor).get(f"/employers/{employer.pk}/").content.decode()
    section = page[page.index('id="postings-heading"') :]
    assert "招聘中：2 个" in section
    assert "已结束：1 个" in section
    assert section.index("电话客服") < section.index("仓库分拣员")  # the one expiring first first
    assert "收银员" not in section.split("</table>")[0]  # closed postings are not listed as open
    soon_row = section[section.index("电话客服") : section.index("仓库分拣员")]
    assert "14 天内到期" in soon_row
    assert "14 天内到期" not in section[section.index("仓库分拣员") :].split("</tr>")[0]
    assert f"/matching/postings/?employer={employer.pk}" in section
    assert f"/matching/postings/new/?employer={employer.pk}" in section
    assert later.pk != soon.pk


def test_all_postings_of_the_employer_link_shows_only_its_postings(demo_data) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    employer = demo_data["employer_user"].employer
    other = (
        type(employer)
        .objects.filter(county_code=employer.county_code)
        .exclude(pk=employer.pk)
        .first()
    )
    assert other is not None
    until = date.today() + timedelta(days=30)
    _post(counsellor, employer.pk, "电话客服", until)
    _post(counsellor, other.pk, "面点师", until)

    page = signed_in(counsellor).get(f"/matching/postings/?employer={employer.pk}").content.decode()
    assert f"只显示{employer.name}的招聘岗位" in page
    assert "电话客服" in page
    assert "面点师" not in page
    assert f'name="employer" value="{employer.pk}"' in page  # kept when other filters are used


def test_an_employer_without_postings_is_told_so_and_offered_to_post(demo_data) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    employer = demo_data["employer_user"].employer
    page = signed_in(counsellor).get(f"/employers/{employer.pk}/").content.decode()
    section = page[page.index('id="postings-heading"') :]
    assert "本单位还没有发布过招聘岗位" in section
    assert f"/matching/postings/new/?employer={employer.pk}" in section


def test_the_employer_sees_its_own_postings_on_its_page(demo_data) -> None:
    user = demo_data["employer_user"]
    _post(
        demo_data["rencheng_counsellor"],
        user.employer_id,
        "电话客服",
        date.today() + timedelta(days=30),
    )
    page = signed_in(user).get(f"/employers/{user.employer_id}/").content.decode()
    section = page[page.index('id="postings-heading"') :]
    assert "电话客服" in section
    assert f"/matching/postings/new/?employer={user.employer_id}" in section
