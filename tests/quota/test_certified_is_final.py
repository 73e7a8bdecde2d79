"""A certified declaration changes only through a recorded correction: every editing page and
POST refuses it, and so do return and reject, each saying why in plain Chinese."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ablework.quota.inputs import read_declaration
from ablework.quota.models import Declaration, DeclarationEvent, DeclarationStatus, LineMonth
from ablework.quota.services import submit_declaration
from ablework.quota.services.review import certify_declaration
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

HINT = "审核确认后的申报只能由残联办理更正，原申报保留。"


@pytest.fixture
def certified():
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    user = EmployerUserFactory(employer=employer)
    row, _ = submit_declaration(actor=user, declaration=read_declaration(payload))
    staff = CountyAdminFactory()
    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    return row, user, staff


EDIT_PAGES = [
    ("quota:facts", {"facts-version": "{v}", "facts-wage_total": "1.00"}),
    ("quota:line_new", {"version": "{v}", "name": "李二"}),
    ("quota:line_edit", {"version": "{v}", "name": "李二"}),
    ("quota:line_remove", {"version": "{v}"}),
    ("quota:roster", {"version": "{v}"}),
    ("quota:submit", {"version": "{v}"}),
]


@pytest.mark.parametrize(("name", "data"), EDIT_PAGES)
def test_no_editing_page_opens_or_saves_a_certified_declaration(client, certified, name, data):
    row, user, staff = certified
    args = [row.pk, 0] if name in ("quota:line_edit", "quota:line_remove") else [row.pk]
    url = reverse(name, args=args)
    for person in (user, staff):
        client.force_login(person)
        shown = client.get(url)
        assert shown.status_code == 409
        assert "该申报已审核确认，不能修改。" + HINT in shown.content.decode()
        sent = client.post(url, {k: v.format(v=row.version) for k, v in data.items()})
        assert sent.status_code == 409
    stored = Declaration.objects.get(pk=row.pk)
    assert (stored.version, stored.status, stored.wage_total) == (
        row.version,
        DeclarationStatus.CERTIFIED,
        row.wage_total,
    )
    assert stored.lines.get().name == "王一"
    assert LineMonth.objects.filter(roster_line__declaration=row).count() == 6


@pytest.mark.parametrize(
    ("action", "data", "verb"),
    [
        ("quota:return", {"return-reason": "补材料", "return-line_0": "缺工资表"}, "退回"),
        ("quota:reject", {"reject-reason": "虚假安排"}, "不予通过"),
        ("quota:certify", {}, "审核确认"),
    ],
)
def test_return_reject_and_a_second_certification_are_refused(
    client, certified, action, data, verb
):
    row, _, staff = certified
    client.force_login(staff)
    prefix = action.split(":")[1]
    response = client.post(
        reverse(action, args=[row.pk]), {f"{prefix}-version": row.version, **data}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert f"该申报已审核确认，不能{verb}。{HINT}" in page
    assert Declaration.objects.get(pk=row.pk).status == DeclarationStatus.CERTIFIED
    assert not DeclarationEvent.objects.filter(declaration=row, transition__in=["return", "reject"])
    # and the declaration's page offers none of the three actions
    detail = client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert 'id="review-heading"' not in detail
