"""Saving postings (收藏) and 我收藏的岗位: a POST with the CSRF token, idempotent, a message after;
a saved posting that closes or expires stays on the list, said so; a family member saves for
the person who consented; staff and others cannot save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ablework.core.models import AuditRecord
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import JobPosting, SavedPosting
from ablework.matching.services.postings import close_posting
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _posting(title: str) -> JobPosting:
    return JobPosting.objects.get(title=title)


def _saves(action: MatchingAction = MatchingAction.POSTING_SAVE) -> int:
    return AuditRecord.objects.filter(action=action.value).count()


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_a_person_saves_a_posting_once_however_often_they_press(demo_data, demo_postings):
    person = demo_data["person_user"]
    client = signed_in(person)
    posting = _posting("电话客服专员")

    first = client.post(f"/matching/jobs/{posting.pk}/save/", follow=True)
    again = client.post(f"/matching/jobs/{posting.pk}/save/", follow=True)

    assert first.redirect_chain == [(f"/matching/jobs/{posting.pk}/", 302)]
    assert "已收藏这个岗位。在“我收藏的岗位”里可以找到它。" in first.content.decode()
    assert "这个岗位已经在收藏里了。" in again.content.decode()
    assert "★ 您已收藏这个岗位。" in again.content.decode()
    saved = SavedPosting.objects.get()
    assert (saved.person_id, saved.posting_id, saved.saved_by_id) == (
        person.person_id,
        posting.pk,
        person.pk,
    )
    assert _saves() == 1  # the second press changed nothing and wrote nothing


def test_saving_needs_a_post_with_the_csrf_token(demo_data, demo_postings):
    posting = _posting("电话客服专员")
    client = signed_in(demo_data["person_user"])
    assert client.get(f"/matching/jobs/{posting.pk}/save/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo_data["person_user"])
    assert strict.post(f"/matching/jobs/{posting.pk}/save/").status_code == 403
    assert not SavedPosting.objects.exists()


def test_the_saved_list_says_when_a_posting_has_closed(demo_data, demo_postings):
    person = demo_data["person_user"]
    client = signed_in(person)
    phone, kiosk = _posting("电话客服专员"), _posting("公交站报刊亭经营")
    for posting in (phone, kiosk):
        client.post(f"/matching/jobs/{posting.pk}/save/")
    close_posting(actor=demo_data["rencheng_counsellor"], posting=kiosk, on=timezone.localdate())

    body = client.get("/matching/jobs/saved/").content.decode()

    assert "共收藏 2 个岗位" in body
    assert body.index("公交站报刊亭经营") < body.index("电话客服专员")  # the latest first
    today = timezone.localdate().isoformat()
    assert f"不能再申请：</strong>已于 {today} 结束招聘" in body
    assert body.count("不能再申请") == 1
    # the closed posting can still be read from the list, said closed, and not saved again
    detail = client.get(f"/matching/jobs/{kiosk.pk}/?from=saved").content.decode()
    assert f"这个岗位现在不能申请：</strong>已于 {today} 结束招聘" in detail
    assert "返回我收藏的岗位" in detail
    assert "取消收藏" in detail


def test_a_posting_past_its_last_day_is_said_expired(demo_data, demo_postings):
    client = signed_in(demo_data["person_user"])
    posting = _posting("电话客服专员")
    client.post(f"/matching/jobs/{posting.pk}/save/")
    yesterday = timezone.localdate() - timedelta(days=1)
    JobPosting.objects.filter(pk=posting.pk).update(valid_until=yesterday, valid_from=yesterday)
    body = client.get("/matching/jobs/saved/").content.decode()
    assert f"有效期已于 {yesterday.isoformat()} 结束" in body


def test_unsaving_from_the_list_takes_it_off_and_back_to_the_list(demo_data, demo_postings):
    client = signed_in(demo_data["person_user"])
    posting = _posting("电话客服专员")
    client.post(f"/matching/jobs/{posting.pk}/save/")

    response = client.post(f"/matching/jobs/{posting.pk}/unsave/", {"back": "saved"}, follow=True)
    again = client.post(f"/matching/jobs/{posting.pk}/unsave/", follow=True)

    assert response.redirect_chain == [("/matching/jobs/saved/", 302)]
    body = response.content.decode()
    assert "已取消收藏这个岗位。" in body
    assert "还没有收藏岗位。" in body
    assert "这个岗位不在收藏里。" in again.content.decode()
    assert not SavedPosting.objects.exists()
    assert _saves(MatchingAction.POSTING_UNSAVE) == 1


def test_a_closed_posting_is_not_saved(demo_data, demo_postings):
    client = signed_in(demo_data["person_user"])
    posting = _posting("公交站报刊亭经营")
    close_posting(actor=demo_data["rencheng_counsellor"], posting=posting, on=timezone.localdate())
    # not browsable any more, and not saved before: no such page for this person
    assert client.post(f"/matching/jobs/{posting.pk}/save/").status_code == 404
    assert not SavedPosting.objects.exists()


def test_a_family_member_saves_for_the_person_who_consented(demo_data, demo_postings):
    family = demo_data["family_user"]
    client = signed_in(family)
    posting = _posting("社区公益保洁员")
    client.post(f"/matching/jobs/{posting.pk}/save/")
    saved = SavedPosting.objects.get()
    assert saved.person_id == family.proxy_consents.get().person_id
    assert saved.saved_by_id == family.pk
    body = client.get("/matching/jobs/saved/").content.decode()
    assert f"为{saved.person.name}收藏的岗位。" in body
    assert "社区公益保洁员" in body
    # the person themselves does not see the family member's saves for another person
    mine = signed_in(demo_data["person_user"]).get("/matching/jobs/saved/").content.decode()
    assert "社区公益保洁员" not in mine


def test_staff_and_employers_cannot_save_or_open_the_saved_list(demo_data, demo_postings):
    posting = _posting("电话客服专员")
    for username in ("rencheng_counsellor", "rencheng_admin", "employer_user"):
        client = signed_in(demo_data[username])
        assert client.post(f"/matching/jobs/{posting.pk}/save/").status_code == 404
        assert client.get("/matching/jobs/saved/").status_code == 404
    assert not SavedPosting.objects.exists()


def test_one_person_cannot_save_for_another(demo_data, demo_postings):
    posting = _posting("电话客服专员")
    other = demo_data["family_user"].proxy_consents.get().person_id
    client = signed_in(demo_data["person_user"])
    assert client.post(f"/matching/jobs/{posting.pk}/save/", {"person": other}).status_code == 404
    assert client.get("/matching/jobs/saved/", {"person": other}).status_code == 404
    assert not SavedPosting.objects.exists()


def test_the_list_shows_which_results_are_saved_in_words(demo_data, demo_postings):
    client = signed_in(demo_data["person_user"])
    posting = _posting("电话客服专员")
    client.post(f"/matching/jobs/{posting.pk}/save/")
    body = client.get("/matching/jobs/").content.decode()
    assert body.count("★ 已收藏") == 1
