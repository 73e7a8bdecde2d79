"""Input no database can take is a 400 with a message, on pages and API alike, never a 500."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ablework.core.form_values import int_or_none
from ablework.core.text_input import readable_text
from ablework.registry.models import Person
from tests.registry.conftest import signed_in

pytestmark = pytest.mark.django_db

LAST_CODE_POINT = "\U0010ffff"


def test_a_search_ending_in_u10ffff_is_a_400_page_with_a_message(counsellor):
    # when a name search ends in U+10FFFF (it had no successor to bound the prefix range: 500)
    response = signed_in(counsellor).get("/persons/", {"q": "张" + LAST_CODE_POINT})
    # then the page says what is wrong
    assert response.status_code == 400
    assert "搜索内容中含有无法识别的字符" in response.content.decode()


@pytest.mark.parametrize("address", ["/api/v1/persons/", "/api/v1/employers/"])
def test_a_search_ending_in_u10ffff_or_a_nul_is_a_400_in_the_api(counsellor, address):
    client = signed_in(counsellor)
    for text in ("张" + LAST_CODE_POINT, "张\x00"):
        response = client.get(address, {"q": text})
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["fields"][0]["field"] == "q"
        assert "无法识别的字符" in error["message"]


def test_rare_name_characters_are_still_searched(counsellor):
    # a character of CJK Extension B (as in rare given names) is ordinary text
    response = signed_in(counsellor).get("/api/v1/persons/", {"q": "\U00020000"})
    assert response.status_code == 200
    assert readable_text("𠀀", field="q", label="x") == "𠀀"


def test_a_twenty_digit_person_in_the_bulk_check_is_a_400_and_marks_no_one(counsellor):
    # when the quarterly round's "mark checked" form is posted with a 20-digit person number
    response = signed_in(counsellor).post(
        "/persons/updates/",
        {
            "persons": ["99999999999999999999"],
            "verified_on": timezone.localdate().isoformat(),
            "method": "quarterly_update",
        },
    )
    # then a 400 page tells the counsellor to choose again, and no one is marked
    assert response.status_code == 400
    assert "所选人员的编号无法识别" in response.content.decode()
    assert not Person.objects.filter(last_verified_on=timezone.localdate()).exists()


def test_numbers_no_column_can_hold_are_none():
    assert int_or_none("9223372036854775807") == 2**63 - 1
    assert int_or_none("9223372036854775808") is None
    assert int_or_none("²") is None


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("/api/v1/persons/", "status"),
        ("/api/v1/persons/", "township"),
        ("/api/v1/persons/", "flag"),
        ("/api/v1/persons/", "area"),
        ("/api/v1/employers/", "kind"),
    ],
)
def test_a_nul_in_a_list_filter_is_a_400_naming_the_filter(counsellor, address, name):
    # given a filter no database can store (PostgreSQL refuses NUL: schemathesis found a 500)
    response = signed_in(counsellor).get(address, {name: "a\x00"})
    # then the caller is told which filter, in the envelope
    assert response.status_code == 400
    assert response.json()["error"]["fields"][0]["field"] == name
