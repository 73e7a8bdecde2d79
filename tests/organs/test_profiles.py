"""A unit's supervising unit (主管单位) and state ownership (国有企业): set by the federation's
administrators of the unit's area by name, reached from the unit's and the employer's page,
audited with names, and refused with 409 and what changed when another saved first."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.core.models import AuditRecord
from ablework.employers.models import Employer
from ablework.organs.models import UnitProfile
from ablework.organs.services.notices import notice_rows
from tests.accounts.factories import (
    CounsellorFactory,
    CountyAdminFactory,
    EmployerUserFactory,
)
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _organ(name: str, **fields: Any) -> Employer:
    values = {"kind": "organ", "administrative_level": "prefecture", "authorised_posts": 120}
    return EmployerFactory(name=name, **{**values, **fields})


def _url(unit: Employer) -> str:
    return f"/organs/profiles/{unit.pk}/"


def test_an_administrator_sets_the_supervisor_by_name_and_its_accounts_then_see_the_unit():
    bureau = _organ("济宁市文化和旅游局")
    library = _organ("济宁市图书馆", kind="institution")
    admin = signed_in(CountyAdminFactory())
    bureau_account = signed_in(EmployerUserFactory(employer=bureau))
    assert bureau_account.get(f"/organs/units/{library.pk}/").status_code == 404

    # reached from the unit's page
    assert _url(library) in admin.get(f"/organs/units/{library.pk}/").content.decode()
    done = admin.post(_url(library), {"version": 1, "supervisor": "济宁市文化和旅游局"})

    assert done.status_code == 302
    assert UnitProfile.objects.get(employer=library).supervisor == bureau
    assert bureau_account.get(f"/organs/units/{library.pk}/").status_code == 200
    record = AuditRecord.objects.get(action="organs.profile.update")
    assert record.target_label == "济宁市图书馆"
    assert record.changes == {"supervisor": ["", "济宁市文化和旅游局"]}
    page = admin.get(_url(library)).content.decode()
    assert 'value="济宁市文化和旅游局"' in page  # the name, never an id
    # cleared again: blank means none
    admin.post(_url(library), {"version": 2, "supervisor": ""})
    assert UnitProfile.objects.get(employer=library).supervisor is None


def test_an_unknown_ambiguous_own_or_circular_supervisor_is_refused_saying_why():
    library = _organ("济宁市图书馆", kind="institution")
    _organ("同名局")
    _organ("同名局")
    _organ("微山县某局", county_code="370826")  # outside the county admin's area
    admin = signed_in(CountyAdminFactory())

    def refused(text: str) -> str:
        response = admin.post(_url(library), {"version": 1, "supervisor": text})
        assert response.status_code == 200
        return response.content.decode()

    assert "没有找到名称或统一社会信用代码为“不存在局”的机关或事业单位" in refused("不存在局")
    assert "没有找到" in refused("微山县某局")
    assert "请填写其统一社会信用代码" in refused("同名局")
    assert "单位不能是自己的主管单位" in refused("济宁市图书馆")
    # the credit code picks one of the two of the same name
    twin = Employer.objects.filter(name="同名局").first()
    assert twin is not None
    admin.post(_url(library), {"version": 1, "supervisor": twin.uscc})
    assert UnitProfile.objects.get(employer=library).supervisor == twin
    # the twin may not now be supervised by the library it supervises
    response = admin.post(_url(twin), {"version": 1, "supervisor": "济宁市图书馆"})
    assert "直接或间接主管的单位" in response.content.decode()
    assert not UnitProfile.objects.filter(employer=twin).exists()
    assert AuditRecord.objects.filter(action="organs.profile.update").count() == 1


def test_an_enterprise_is_marked_state_owned_from_its_page_and_joins_the_notice():
    firm = EmployerFactory(name="济宁能源集团有限公司")
    admin = signed_in(CountyAdminFactory())
    employer_page = admin.get(f"/employers/{firm.pk}/").content.decode()
    assert _url(firm) in employer_page
    assert "本单位未登记为国有企业" in employer_page
    assert "济宁能源集团有限公司" not in [
        r["unit"] for r in notice_rows(region_code="370811", year=2025)
    ]

    assert admin.post(_url(firm), {"version": 1, "state_owned": "on"}).status_code == 302

    assert "济宁能源集团有限公司" in [
        r["unit"] for r in notice_rows(region_code="370811", year=2025)
    ]
    record = AuditRecord.objects.get(action="organs.profile.update")
    assert record.changes == {"state_owned": ["否", "是"]}
    assert "本单位登记为国有企业" in admin.get(f"/employers/{firm.pk}/").content.decode()


def test_only_administrators_of_the_units_area_reach_the_page():
    library = _organ("济宁市图书馆", kind="institution")
    assert signed_in(CountyAdminFactory(region_id="370826")).get(_url(library)).status_code == 404
    assert signed_in(CounsellorFactory()).get(_url(library)).status_code == 404
    unit_account = signed_in(EmployerUserFactory(employer=library))
    assert unit_account.get(_url(library)).status_code == 404
    assert unit_account.post(_url(library), {"version": 1, "supervisor": ""}).status_code == 404
    counsellor_page = signed_in(CounsellorFactory()).get(f"/organs/units/{library.pk}/")
    assert _url(library) not in counsellor_page.content.decode()
    assert signed_in(CountyAdminFactory()).get(_url(library)).status_code == 200


def test_a_change_over_anothers_is_refused_with_409_and_what_they_saved():
    bureau = _organ("济宁市文化和旅游局")
    _organ("济宁市教育局")
    library = _organ("济宁市图书馆", kind="institution")
    first = signed_in(CountyAdminFactory(display_name="甲管理员"))
    second = signed_in(CountyAdminFactory())
    # both opened the page at version 1; the first saves
    first.post(_url(library), {"version": 1, "supervisor": "济宁市文化和旅游局"})

    stale = second.post(_url(library), {"version": 1, "supervisor": "济宁市教育局"})

    assert stale.status_code == 409
    page = stale.content.decode()
    assert "此记录已被他人修改" in page
    assert "济宁市文化和旅游局" in page  # what the first saved, by name
    assert UnitProfile.objects.get(employer=library).supervisor == bureau
    assert 'value="2"' in page  # saving again is a choice, on the version now stored
    again = second.post(_url(library), {"version": 2, "supervisor": "济宁市教育局"})
    assert again.status_code == 302
    assert AuditRecord.objects.filter(action="organs.profile.update").count() == 2
