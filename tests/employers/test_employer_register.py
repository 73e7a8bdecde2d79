"""The employer register's own fields: the industry section (GB/T 4754-2017), the 机关 and
事业单位 fields the placement mandate needs (level, 编制, school type), a parent employer for a
branch (inside the actor's area, never a loop), and the GB 32100 check with its Chinese
messages; each change is versioned and audited with readable labels."""

from __future__ import annotations

import pytest

from ablework.core.models import AuditRecord
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer, Industry
from ablework.rules.jurisdictions.cn.identifiers import credit_code_check_character
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "任城区教育和体育局",
        "uscc": uscc_with_check("1137081100000088"),
        "kind": "organ",
        "industry": "S",
        "county_code": "370811",
        "township_code": "",
        "staff_count": "64",
        "administrative_level": "county",
        "authorised_posts": "58",
        "school_type": "",
        "parent_uscc": "",
        "address": "",
        "contact_name": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def _edit(client, employer: Employer, **overrides: str):
    employer.refresh_from_db()
    fields = _form(
        name=employer.name,
        uscc=employer.uscc,
        kind=employer.kind,
        administrative_level="",
        authorised_posts="",
        industry="",
        version=str(employer.version),
    )
    fields.update(overrides)
    return client.post(f"/employers/{employer.pk}/edit/", fields)


def test_the_industry_sections_are_the_twenty_of_gbt_4754_2017():
    assert [code for code, _ in Industry.choices] == list("ABCDEFGHIJKLMNOPQRST")
    assert Industry("C").label == "制造业"
    assert Industry("S").label == "公共管理、社会保障和社会组织"


def test_an_organ_is_registered_with_its_level_and_posts_shown_on_its_page(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    form = client.get("/employers/new/").content.decode()
    # the 机关/事业单位 fields are there without scripts, under a legend saying who fills them
    assert "<legend>机关、事业单位填写（其他单位留空）</legend>" in form
    assert 'name="authorised_posts"' in form
    response = client.post("/employers/new/", _form())
    assert response.status_code == 302
    employer = Employer.objects.get(name="任城区教育和体育局")
    assert (employer.administrative_level, employer.authorised_posts) == ("county", 58)
    page = client.get(f"/employers/{employer.pk}/").content.decode()
    assert "<dd>县级</dd>" in page
    assert "<dd>58</dd>" in page
    assert "S 公共管理、社会保障和社会组织" in page
    read = client.get(f"/api/v1/employers/{employer.pk}").json()
    assert {key: read[key] for key in ("industry", "administrative_level", "authorised_posts")} == {
        "industry": "S",
        "administrative_level": "county",
        "authorised_posts": 58,
    }
    audit = client.get(
        "/audit/", {"target_type": "employers.employer", "target_id": employer.pk}
    ).content.decode()
    assert "编制数" in audit


def test_an_enterprise_may_not_carry_posts_nor_a_school_type(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    response = client.post(
        "/employers/new/",
        _form(kind="enterprise", administrative_level="", school_type="kindergarten"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "只有机关和事业单位填写编制数" in page
    assert not Employer.objects.filter(name="任城区教育和体育局").exists()
    response = client.post(
        "/employers/new/",
        _form(kind="organ", school_type="kindergarten"),
    )
    assert "只有事业单位填写学校类型（中小学、幼儿园）" in response.content.decode()


def _bad_codes() -> list[tuple[str, str]]:
    good = uscc_with_check("9137081100000088")
    wrong_check = good[:-1] + ("1" if good[-1] != "1" else "2")
    # a right GB 32100 check character over an organisation code whose own check is wrong
    first17 = good[:16] + ("1" if good[16] != "1" else "2")
    wrong_organisation = first17 + credit_code_check_character(first17)
    return [
        ("91370811MA3C5XXX", "应为18位（数字与不含I、O、Z、S、V的大写字母）"),
        (wrong_check, f"校验码应为 {good[-1]}，实际为 {wrong_check[-1]}"),
        (wrong_organisation, f"组织机构代码校验码应为 {good[16]}"),
    ]


@pytest.mark.parametrize(("code", "message"), _bad_codes())
def test_a_credit_code_breaking_gb_32100_is_refused_in_chinese(demo_data, code, message):
    client = signed_in(demo_data["rencheng_admin"])
    response = client.post("/employers/new/", _form(kind="enterprise", uscc=code))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert not Employer.objects.filter(name="任城区教育和体育局").exists()


def test_a_branch_rolls_up_to_a_parent_in_scope_and_never_loops(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    head = EmployerFactory(name="任城区总公司")
    branch = EmployerFactory(name="任城区总公司古槐分公司")
    outside = EmployerFactory(name="微山县某公司", county_code="370826")
    # a parent outside 任城区 is not found, and says so on the field
    response = _edit(client, branch, kind="enterprise", parent_uscc=outside.uscc)
    assert "不在您的管辖范围内" in response.content.decode()
    # a parent in the county is kept, and the parent's page lists the branch
    assert _edit(client, branch, kind="enterprise", parent_uscc=head.uscc).status_code == 302
    branch.refresh_from_db()
    assert branch.parent == head
    assert "任城区总公司古槐分公司" in client.get(f"/employers/{head.pk}/").content.decode()
    # the head may not become a branch of its own branch, nor of itself
    for parent in (branch, head):
        response = _edit(client, head, kind="enterprise", parent_uscc=parent.uscc)
        assert "上级单位不能是本单位，也不能是本单位的分支机构。" in response.content.decode()
    head.refresh_from_db()
    assert head.parent is None
    change = AuditRecord.objects.filter(
        action="employers.employer.update", target_id=str(branch.pk)
    ).latest("pk")
    assert change.changes["parent_id"] == [None, head.pk]


def test_a_township_worker_sees_only_their_township_employers(demo_data):
    inside = EmployerFactory(name="古槐街道某公司", township_code="370811001")
    elsewhere = EmployerFactory(name="越河街道某公司", township_code="370811002")
    client = signed_in(demo_data["rencheng_township"])
    assert client.get(f"/employers/{inside.pk}/").status_code == 200
    assert client.get(f"/employers/{elsewhere.pk}/").status_code == 404
    listing = client.get("/employers/", {"q": "某公司"}).content.decode()
    assert "古槐街道某公司" in listing
    assert "越河街道某公司" not in listing
