"""Federation staff see the documents issued in their area and withdraw them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from ablework.accounts.models import User
from ablework.printing.codes import new_code
from ablework.printing.models import IssuedDocument
from tests.core.test_translations import LANGUAGE_OPTION, chinese_interface_text
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def staff(username: str, role: str, region: str) -> User:
    return User.objects.create_user(username=username, role=role, region_id=region)


def registered(title: str, region_code: str) -> IssuedDocument:
    return IssuedDocument.objects.create(
        code=new_code(),
        kind="test.notice",
        title=title,
        issuing_body="某某残疾人联合会",
        region_code=region_code,
        issued_on=timezone.localdate(),
    )


@pytest.fixture
def documents() -> dict[str, IssuedDocument]:
    return {
        "rencheng": registered("任城区的证明", "370811"),
        "township": registered("任城区某街道的证明", "370811003"),
        "weishan": registered("微山县的证明", "370826"),
    }


def test_county_staff_see_their_county_and_its_townships_only(documents):
    html = signed_in(staff("rc", "county_admin", "370811")).get("/documents/").content.decode()

    assert "任城区的证明" in html
    assert "任城区某街道的证明" in html
    assert "微山县的证明" not in html


def test_city_staff_see_every_county_of_the_city(documents):
    html = signed_in(staff("jn", "city_admin", "370800")).get("/documents/").content.decode()

    assert all(document.title in html for document in documents.values())


def test_who_lacks_the_right_gets_not_found(documents):
    client = signed_in(staff("cs", "counsellor", "370811"))

    assert client.get("/documents/").status_code == 404
    assert client.get(f"/documents/{documents['rencheng'].pk}/withdraw/").status_code == 404
    assert Client().get("/documents/").status_code == 302


def test_withdrawing_needs_a_reason_then_the_verification_page_says_withdrawn(documents):
    # given a county administrator and a document of their county
    client = signed_in(staff("rc", "county_admin", "370811"))
    document = documents["rencheng"]
    url = f"/documents/{document.pk}/withdraw/"

    # when they submit without a reason, nothing is withdrawn and the problem is named
    response = client.post(url, {"reason": " "})
    assert response.status_code == 200
    assert "撤回原因：这个字段是必填项。" in response.content.decode()
    document.refresh_from_db()
    assert not document.is_withdrawn

    # when they give one, the document is withdrawn and its public page says so
    response = client.post(url, {"reason": "数据有误"}, follow=True)
    assert response.redirect_chain == [("/documents/", 302)]
    document.refresh_from_db()
    assert document.withdrawal_reason == "数据有误"
    assert "已撤回" in Client().get(f"/verify/{document.display_code}/").content.decode()
    # and the withdraw page no longer offers the form
    assert "撤回该文件</button>" not in client.get(url).content.decode()


def test_a_document_of_another_county_cannot_be_withdrawn(documents):
    client = signed_in(staff("rc", "county_admin", "370811"))
    document = documents["weishan"]

    assert client.post(f"/documents/{document.pk}/withdraw/", {"reason": "x"}).status_code == 404
    document.refresh_from_db()
    assert not document.is_withdrawn


def test_the_register_pages_in_english_have_no_chinese_but_the_documents_own(documents):
    client = signed_in(staff("rc", "county_admin", "370811"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    stated = [d.title for d in documents.values()] + ["某某残疾人联合会", "rc", LANGUAGE_OPTION]

    for path in ["/documents/", f"/documents/{documents['rencheng'].pk}/withdraw/"]:
        html = client.get(path).content.decode()

        assert chinese_interface_text(html, stated) == [], path
