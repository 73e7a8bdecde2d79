"""Branches roll up to the employer that declares: a branch (分支机构) declares through its
parent, which the check and the submission say in plain Chinese, naming it; a branch marked as
declaring on its own (独立核算) declares itself. The parent's page lists its branches, and the
branch's page names its parent and says who declares."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ablework.core.errors import Invalid
from ablework.employers.models import Employer
from ablework.exchange.models import ImportBatch
from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration
from ablework.quota.services import check_for, submit_declaration
from tests.accounts.factories import CounsellorFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

THROUGH_PARENT = "本单位为 济宁总公司 的分支机构，由 济宁总公司 统一申报按比例就业。"


def _roster() -> list[dict[str, object]]:
    person = PersonFactory(name="王一", disability_grade=3)
    return [line(person.certificate_number, "王一")]


def test_a_branch_cannot_check_or_submit_and_is_told_its_parent_declares() -> None:
    head = EmployerFactory(name="济宁总公司")
    branch = EmployerFactory(name="济宁总公司任城分公司", parent=head)
    staff = CounsellorFactory()
    filed = read_declaration(declaration(branch.uscc, _roster()))
    for attempt in (check_for, submit_declaration):
        with pytest.raises(Invalid) as refused:
            attempt(actor=staff, declaration=filed)
        assert refused.value.message == THROUGH_PARENT
        assert refused.value.code == "declares_through_parent"
    assert not Declaration.objects.exists()
    # the parent itself declares
    assert check_for(actor=staff, declaration=read_declaration(declaration(head.uscc, _roster())))


def test_the_branchs_own_user_is_told_the_same_through_the_api() -> None:
    head = EmployerFactory(name="济宁总公司")
    user = EmployerUserFactory(employer=EmployerFactory(parent=head))
    response = signed_in(user).post(
        "/api/v1/quota/declarations/check",
        data=json.dumps(declaration(user.employer.uscc, _roster())),
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("declares_through_parent", THROUGH_PARENT)


def test_a_branch_with_its_own_accounting_declares_itself() -> None:
    head = EmployerFactory(name="济宁总公司")
    branch = EmployerFactory(parent=head, declares_separately=True)
    filed = read_declaration(declaration(branch.uscc, _roster()))
    stored, _ = submit_declaration(actor=CounsellorFactory(), declaration=filed)
    assert stored.employer == branch


def test_the_pages_say_who_declares_for_a_branch(demo_data) -> None:
    client = signed_in(demo_data["rencheng_admin"])
    head = EmployerFactory(name="济宁总公司")
    through = EmployerFactory(name="济宁总公司任城分公司", parent=head)
    EmployerFactory(name="济宁总公司古槐分公司", parent=head, declares_separately=True)
    parent_page = client.get(f"/employers/{head.pk}/").content.decode()
    assert "本单位自行申报" in parent_page
    branches = parent_page[parent_page.index('id="branches-heading"') :]
    assert "济宁总公司任城分公司" in branches
    assert "济宁总公司古槐分公司</a>（" in branches
    assert "：独立核算，自行申报" in branches
    branch_page = client.get(f"/employers/{through.pk}/").content.decode()
    assert f'<a href="/employers/{head.pk}/">济宁总公司</a>' in branch_page
    assert "本单位是分支机构，由 济宁总公司 统一申报" in branch_page


def test_the_form_marks_a_branch_as_declaring_on_its_own_and_ignores_it_without_parent(
    demo_data,
) -> None:
    client = signed_in(demo_data["rencheng_admin"])
    head = EmployerFactory(name="济宁总公司")
    branch = EmployerFactory(name="济宁总公司任城分公司")
    fields = {
        "name": branch.name,
        "uscc": branch.uscc,
        "kind": "enterprise",
        "county_code": "370811",
        "staff_count": "40",
        "parent_uscc": head.uscc,
        "declares_separately": "on",
        "version": "1",
    }
    assert client.post(f"/employers/{branch.pk}/edit/", fields).status_code == 302
    branch.refresh_from_db()
    assert (branch.parent, branch.declares_separately) == (head, True)
    assert (
        "本单位是分支机构，独立核算，自行申报"
        in client.get(f"/employers/{branch.pk}/").content.decode()
    )
    # without a parent the box means nothing: the employer declares itself anyway
    alone = {**fields, "parent_uscc": "", "version": "2"}
    assert client.post(f"/employers/{branch.pk}/edit/", alone).status_code == 302
    assert not Employer.objects.get(pk=branch.pk).declares_separately


def test_the_import_marks_a_branch_as_declaring_on_its_own(demo_data) -> None:
    head = EmployerFactory(name="济宁总公司")
    branch = EmployerFactory(name="济宁总公司任城分公司")
    client = signed_in(demo_data["rencheng_admin"])
    text = (
        "单位名称,统一社会信用代码,单位类型,所属县级区划,上级单位统一社会信用代码,分支机构独立核算\n"
        f"{branch.name},{branch.uscc},企业,370811,{head.uscc},是\n"
    )
    upload = SimpleUploadedFile("employers.csv", text.encode("utf-8-sig"), "text/csv")
    client.post("/imports/new/employers/", {"file": upload})
    batch = ImportBatch.objects.latest("pk")
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"})
    branch.refresh_from_db()
    assert (branch.parent, branch.declares_separately) == (head, True)
