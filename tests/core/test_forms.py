"""Forms show every problem at once, in one summary linking to the fields; groups of boxes have a
legend and each box its own label; domain errors a view lets through get their own pages."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory

from ablework.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from ablework.core.middleware import DomainErrorMiddleware
from ablework.registry.errors import RegistryErrorCode
from ablework.registry.models import Person
from ablework.registry.services import IdentifiersInvalid, read_identifiers
from tests.registry.conftest import OWN_COUNTY, resident_id, signed_in

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    """The parts of a page a form's accessibility depends on."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.labels_for: list[str] = []
        self.alerts = 0
        self.summary_links: list[str] = []
        self.in_summary = False
        self.fieldsets: list[dict[str, list[str]]] = []  # each: legend text, boxes inside
        self.boxes_outside: list[str] = []
        self.in_legend = False
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "label" and found.get("for"):
            self.labels_for.append(str(found["for"]))
        if found.get("role") == "alert":
            self.alerts += 1
            self.in_summary = found.get("id") == "error-summary"
        if tag == "a" and self.in_summary:
            self.summary_links.append(str(found.get("href")))
        if tag == "fieldset":
            self.fieldsets.append({"legend": [], "boxes": []})
        if tag == "legend":
            self.in_legend = True
        if tag == "input" and found.get("type") in ("checkbox", "radio"):
            target = self.fieldsets[-1]["boxes"] if self.fieldsets else self.boxes_outside
            target.append(str(found.get("id")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "legend":
            self.in_legend = False
        if tag == "div" and self.in_summary:
            self.in_summary = False

    def handle_data(self, data: str) -> None:
        if self.in_legend and self.fieldsets:
            self.fieldsets[-1]["legend"].append(data.strip())


def outline(html: str) -> Outline:
    parsed = Outline()
    parsed.feed(html)
    return parsed


def test_a_failed_registration_shows_every_problem_at_once_with_links_to_the_fields(demo_data):
    # given a form with a mistyped check digit, no name, a kind of work though unemployed,
    # and the men's retirement age for a woman
    number = resident_id(OWN_COUNTY, date(1992, 8, 3), male=False)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    client = signed_in(demo_data["rencheng_counsellor"])
    before = Person.objects.count()

    # when it is sent once
    response = client.post(
        "/persons/new/",
        {
            "resident_id": wrong,
            "certificate_number": wrong + "63",
            "name": "",
            "certificate_status": "valid",
            "county_code": OWN_COUNTY,
            "employment_status": "unemployed",
            "employment_kind": "self_employed",
        },
    )

    # then one summary lists every problem, the check digit among them, each linking to its field
    html = response.content.decode()
    page = outline(html)
    assert page.alerts == 1
    assert {"#id_resident_id", "#id_name", "#id_employment_kind"} <= set(page.summary_links)
    assert all(link[1:] in page.ids for link in page.summary_links)
    assert "校验码应为" in html
    assert Person.objects.count() == before


def test_the_retirement_age_is_checked_on_the_first_submit_with_the_other_problems(demo_data):
    number = resident_id(OWN_COUNTY, date(1992, 8, 3), male=False)
    response = signed_in(demo_data["rencheng_counsellor"]).post(
        "/persons/new/",
        {
            "resident_id": number,
            "certificate_number": number + "63",
            "name": "",
            "county_code": OWN_COUNTY,
            "retirement_base_age": "60",
            "employment_status": "unemployed",
        },
    )
    links = outline(response.content.decode()).summary_links
    assert {"#id_name", "#id_retirement_base_age", "#id_certificate_status"} <= set(links)


def test_a_group_of_checkboxes_has_a_legend_and_each_box_comes_before_its_own_label(demo_data):
    html = signed_in(demo_data["rencheng_counsellor"]).get("/persons/new/").content.decode()
    page = outline(html)
    (needs,) = [group for group in page.fieldsets if "沟通需要" in group["legend"]]
    assert needs["boxes"] == [
        "id_needs_sign_language",
        "id_needs_braille_or_large_print",
        "id_needs_easy_read",
    ]
    assert page.boxes_outside == []
    assert all(page.labels_for.count(box) == 1 for box in needs["boxes"])
    for box in needs["boxes"]:
        assert html.index(f'id="{box}"') < html.index(f'<label for="{box}"')


def test_radio_buttons_sit_in_a_fieldset_named_by_its_legend_each_with_a_label(demo_data):
    html = signed_in(demo_data["rencheng_counsellor"]).get("/imports/compare/").content.decode()
    page = outline(html)
    (kinds,) = [group for group in page.fieldsets if "名单来自" in group["legend"]]
    assert len(kinds["boxes"]) >= 3
    assert all(box in page.labels_for for box in kinds["boxes"])


def test_a_failed_consent_shows_the_summary_linking_to_the_field(demo_data):
    person = Person.objects.filter(county_code="370811").first()
    response = signed_in(demo_data["rencheng_counsellor"]).post(
        f"/accounts/consents/new/{person.pk}/", {"family_username": "", "relationship": "配偶"}
    )
    page = outline(response.content.decode())
    assert response.status_code == 400
    assert {"#c-family_username", "#c-evidence"} <= set(page.summary_links)


@pytest.mark.parametrize(
    ("error", "status", "shown"),
    [
        (NotFound("没有找到该残疾人记录。"), 404, "没有找到该页面或记录"),
        (PermissionDenied("只有县残联可以更正号码。"), 403, "只有县残联可以更正号码。"),
        (Conflict("该记录已合并到另一条记录。"), 409, "该记录已合并到另一条记录。"),
        (Invalid("请选择两条记录。"), 400, "请选择两条记录。"),
    ],
)
def test_domain_errors_become_pages_with_their_own_status_and_a_plain_explanation(
    demo_data, error, status, shown
):
    request = RequestFactory().get("/persons/1/")
    request.user = demo_data["rencheng_counsellor"]
    middleware = DomainErrorMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]

    response = middleware.process_exception(request, error)

    assert response is not None
    assert response.status_code == status
    assert shown in response.content.decode()


def test_not_found_says_nothing_about_why(demo_data):
    request = RequestFactory().get("/persons/1/")
    request.user = demo_data["rencheng_counsellor"]
    response = DomainErrorMiddleware(lambda r: None).process_exception(  # type: ignore[arg-type,return-value]
        request, NotFound("该人员在微山县。")
    )
    assert response is not None
    assert "微山县" not in response.content.decode()


def test_an_edit_of_a_merged_record_is_a_409_page_in_chinese(demo_data):
    person = Person.objects.filter(county_code=OWN_COUNTY).first()
    other = Person.objects.filter(county_code=OWN_COUNTY).exclude(pk=person.pk).first()
    Person.objects.filter(pk=person.pk).update(merged_into=other)
    response = signed_in(demo_data["rencheng_admin"]).get(f"/persons/{person.pk}/edit/")
    assert response.status_code == 409
    assert "不能再修改" in response.content.decode()


def test_both_wrong_numbers_carry_the_registrys_code_and_each_its_own_field():
    # given a resident ID with a wrong check digit and a certificate number with a wrong grade
    number = resident_id(OWN_COUNTY, date(1992, 8, 3), male=False)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")

    # when the rules read them
    with pytest.raises(IdentifiersInvalid) as raised:
        read_identifiers(resident_id=wrong, certificate_number=number + "65", on=date(2026, 1, 5))

    # then the form and the API's envelope get one problem per field, with the registry's code
    problems = raised.value.field_problems()
    assert {p.field for p in problems} == {"resident_id", "certificate_number"}
    assert {p.code for p in problems} == {RegistryErrorCode.IDENTIFIER_INVALID}
