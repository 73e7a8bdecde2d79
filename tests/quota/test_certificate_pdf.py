"""The 审核确认书 of a certified declaration: a PDF in the county federation's name with N, D,
the persons masked, the ratio and the levy from the stored trace, and a verification code whose
public page confirms it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ablework.printing.models import IssuedDocument
from ablework.quota.services.review import certify_declaration
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.printing.conftest import pdf_text
from tests.quota.test_transitions import _filed

pytestmark = pytest.mark.django_db


def _url(row) -> str:
    return reverse("quota:certificate", args=[row.pk])


def test_the_employer_downloads_the_certificate_and_anyone_can_verify_it(tmp_path) -> None:
    row, _, user = _filed()
    staff = CountyAdminFactory()
    client = Client()
    client.force_login(user)
    assert client.post(_url(row)).status_code == 404  # submitted, not yet certified
    certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)

    response = client.post(_url(row))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    flat = re.sub(r"\s+", "", pdf_text(response.content, tmp_path))
    document = IssuedDocument.objects.get()
    employer = row.employer
    assert "济宁市任城区残疾人联合会" in flat
    assert f"{employer.name}2023年度按比例安排残疾人就业审核确认书" in flat
    assert employer.uscc in flat
    assert "在职职工年平均人数300人" in flat
    assert "安排残疾人就业人数0.5人" in flat  # 王一, January–June: 6 ÷ 12
    assert "规定比例1.5%" in flat
    assert "应缴纳残疾人就业保障金216000.00元（减免前240000.00元）" in flat
    line = row.lines.get()
    assert "王*" in flat
    assert "王一" not in flat
    assert line.certificate_masked in flat
    assert line.certificate_number not in flat
    assert document.display_code in flat

    page = Client().get(f"/verify/{document.display_code}/").content.decode()
    assert document.title in page
    assert "<dt>安排残疾人就业人数</dt>" in page
    assert "216000.00" in page
    # the page states what the document states, no person
    assert "王*" not in page
    assert line.certificate_masked not in page


def test_only_its_employer_and_the_regions_staff_may_print_it() -> None:
    row, _, _ = _filed()
    staff = CountyAdminFactory()
    certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    for outsider in (EmployerUserFactory(), CountyAdminFactory(region_id="370826")):
        client = Client()
        client.force_login(outsider)
        assert client.post(_url(row)).status_code == 404
    client = Client()
    client.force_login(staff)
    assert client.post(_url(row)).status_code == 200
    assert client.get(_url(row)).status_code == 405
