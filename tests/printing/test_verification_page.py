"""Anyone can check a printed document's code, signed in or not, and learn only what it states."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from ablework.accounts.models import User
from ablework.printing.codes import ALPHABET, LENGTH, grouped, new_code, normalise
from ablework.printing.services import withdraw_document
from tests.core.test_translations import LANGUAGE_OPTION, chinese_interface_text
from tests.printing.conftest import ISSUING_BODY, STATEMENTS, TITLE


@pytest.fixture
def issuer(db) -> User:
    return User.objects.create_user(username="issuer", role="county_admin", region_id="370811")


@pytest.fixture
def document(issue, issuer):
    return issue(issuer, paragraphs=0).document


@pytest.mark.django_db
def test_a_valid_code_shows_what_the_document_states_without_sign_in(document):
    response = Client().get(f"/verify/{document.display_code}/")

    html = response.content.decode()
    assert response.status_code == 200
    for text in (TITLE, ISSUING_BODY, document.display_code, "<strong>有效</strong>"):
        assert text in html
    assert "<dt>用人单位</dt><dd>任城区示范物流有限公司</dd>" in html
    assert "已撤回" not in html
    # the issuer's account is the audit trail's business, not the public's
    assert "issuer" not in html


@pytest.mark.django_db
def test_a_withdrawn_document_is_shown_as_withdrawn(document, issuer):
    withdraw_document(actor=issuer, document=document, reason="统计口径有误")

    html = Client().get(f"/verify/{document.display_code}/").content.decode()

    assert "已撤回" in html
    assert "本文件不再有效" in html
    assert TITLE in html
    assert "统计口径有误" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["unknown", "malformed", "empty-looking"])
def test_an_unknown_code_answers_not_found_and_reveals_nothing(document, typed):
    # given a document on the register, and a code that is not its code
    other = {
        "unknown": grouped(new_code()),
        "malformed": "not-a-code",
        "empty-looking": "0000-0000-0000-0000",
    }[typed]

    response = Client().get(f"/verify/{other}/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "未找到该验证码" in html
    for text in (TITLE, ISSUING_BODY, document.display_code, "核验结果", "<strong>有效", "已撤回"):
        assert text not in html


@pytest.mark.django_db
def test_a_code_typed_loosely_leads_to_its_document(document):
    typed = document.display_code.replace("-", " ").lower()

    response = Client().get("/verify/", {"code": typed}, follow=True)

    assert response.redirect_chain == [(f"/verify/{document.display_code}/", 302)]
    assert TITLE in response.content.decode()


@pytest.mark.django_db
def test_the_form_alone_asks_for_a_code_without_an_error():
    response = Client().get("/verify/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="verify-code">验证码</label>' in html
    assert "未找到该验证码" not in html


@pytest.mark.django_db
def test_typing_a_wrong_code_in_the_form_answers_not_found():
    response = Client().get("/verify/", {"code": "ABC"})

    assert response.status_code == 404
    assert "未找到该验证码" in response.content.decode()


@pytest.mark.django_db
def test_the_verification_page_is_linked_from_every_page_footer():
    html = Client().get("/accounts/login/").content.decode()

    assert '<a href="/verify/">核验本系统出具的文件</a>' in html


def test_codes_are_sixteen_symbols_of_an_unambiguous_alphabet():
    codes = {new_code() for _ in range(1000)}

    assert len(codes) == 1000
    assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) ** LENGTH == 2**80


def test_typed_codes_forgive_case_spaces_hyphens_and_look_alike_letters():
    assert normalise("k7q2 m9xd-4tpa w3rh") == "K7Q2M9XD4TPAW3RH"
    assert normalise("OIL0-0000-0000-0000") == "0110000000000000"
    assert normalise("K7Q2-M9XD-4TPA") is None
    assert normalise("K7Q2-M9XD-4TPA-W3RU") is None


@pytest.mark.django_db
def test_the_page_in_english_has_no_chinese_but_what_the_document_states(document):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(f"/verify/{document.display_code}/").content.decode()

    stated = [document.title, document.issuing_body, *(text for row in STATEMENTS for text in row)]
    assert "Valid" in html
    assert chinese_interface_text(html, [*stated, LANGUAGE_OPTION]) == []
