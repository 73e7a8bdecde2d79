"""更正: a certified declaration changes only through a recorded correction by staff with the
right — a reason, the changed figures and lines — which keeps the original as it was, records
old → new, issues the 审核确认书 again (the old one superseded on /verify/) and is audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditRecord, Notification
from ablework.quota.inputs import Headcount, read_declaration
from ablework.quota.models import (
    Declaration,
    DeclarationCorrection,
    DeclarationStatus,
    LineMonth,
)
from ablework.quota.selectors.drafts import declaration_input
from ablework.quota.services import submit_declaration
from ablework.quota.services.certificate import issue_certificate
from ablework.quota.services.correction import CorrectionChanges, correct_declaration
from ablework.quota.services.review import certify_declaration
from tests.accounts.factories import (
    CounsellorFactory,
    CountyAdminFactory,
    EmployerUserFactory,
)
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
TREE = with_social_average_wage("100000")
S = DeclarationStatus


@pytest.fixture
def certified():
    """A certified declaration of two persons, January–June, whose certificate was issued."""
    employer = EmployerFactory(name="任城更正厂")
    first = PersonFactory(name="王一", disability_grade=3)
    second = PersonFactory(name="李二", disability_grade=3)
    payload = declaration(
        employer.uscc,
        [line(first.certificate_number, "王一"), line(second.certificate_number, "李二")],
    )
    user = EmployerUserFactory(employer=employer)
    row, _ = submit_declaration(actor=user, declaration=read_declaration(payload), tree=TREE)
    staff = CountyAdminFactory(display_name="赵更正")
    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version, tree=TREE)
    old = issue_certificate(actor=user, declaration_id=row.pk, base_url=BASE).document
    return row, user, staff, old


def _correct(row, staff, **changes):
    reason = changes.pop("reason", "核查发现第2行人员已于上年离职，工资总额按审计报告更正")
    return correct_declaration(
        actor=staff,
        declaration_id=row.pk,
        version=row.version,
        reason=reason,
        changes=CorrectionChanges(**changes),
        base_url=BASE,
        tree=TREE,
    )


def test_a_correction_keeps_the_original_and_certifies_the_corrected_copy(certified):
    row, user, staff, old = certified
    before = dict(row.rules_trace)
    stored = declaration_input(row)
    # when staff correct the wage total and drop the second line
    done = _correct(row, staff, wage_total=Decimal("15000000.00"), roster=(stored.roster[0],))
    # then the original is as it was certified, only marked corrected
    original = Declaration.objects.get(pk=row.pk)
    assert original.status == S.CORRECTED
    assert original.rules_trace == before
    assert original.wage_total == Decimal("18000000.00")
    assert original.lines.count() == 2
    assert LineMonth.objects.filter(roster_line__declaration=original).count() == 12
    # and the corrected one is certified with the new figures, its levy computed again
    new = done.declaration
    assert new.status == S.CERTIFIED
    assert new.wage_total == Decimal("15000000.00")
    assert list(new.lines.values_list("name", flat=True)) == ["王一"]
    assert new.rules_trace["counted_disabled"] == "0.5"
    assert new.rules_trace["levy_due"] != before["levy_due"]
    assert new.events.get().rules_trace["levy_due"] == new.rules_trace["levy_due"]
    # the correction records who, why and old → new, with no name or number in full
    correction = DeclarationCorrection.objects.get()
    assert (correction.original, correction.corrected, correction.actor) == (original, new, staff)
    changes = {item["what"]: (item["old"], item["new"]) for item in correction.changes}
    assert changes["在职职工工资总额（元）"] == ("18000000.00", "15000000.00")
    assert changes["安排残疾人就业人数"] == ("1", "0.5")
    assert changes["名单行"][1] == "（删除）"
    assert changes["名单行"][0].startswith("李*（")
    assert "李二" not in str(correction.changes)
    # audited, the employer told
    moved, created = AuditRecord.objects.filter(action="quota.declaration.correct").order_by("id")
    assert moved.changes["status"] == ["certified", "corrected"]
    assert created.changes["wage_total"] == ["18000000.00", "15000000.00"]
    assert created.actor_id == staff.pk
    assert Notification.objects.filter(recipient=user, text__contains="已由残联更正").exists()
    # the certificate is issued again; the old one is superseded on the public page
    old.refresh_from_db()
    assert old.superseded_by == done.certificate.document
    public = Client()
    page = public.get(f"/verify/{old.display_code}/").content.decode()
    assert "已被取代" in page
    assert done.certificate.document.display_code in page
    fresh = public.get(f"/verify/{done.certificate.document.display_code}/").content.decode()
    assert "有效" in fresh
    assert "已被取代" not in fresh
    assert "原确认书作废" in fresh
    # and the corrected one's certificate can be downloaded, the original's no longer
    client = Client()
    client.force_login(user)
    assert client.post(reverse("quota:certificate", args=[new.pk])).status_code == 200
    assert client.post(reverse("quota:certificate", args=[original.pk])).status_code == 404
    # the year's open declaration is the corrected one
    assert (
        Declaration.objects.filter(employer=new.employer).exclude(status=S.CORRECTED).get() == new
    )


def test_a_correction_needs_a_reason_a_change_and_a_certified_declaration(certified):
    row, _user, staff, _ = certified
    with pytest.raises(Invalid, match="更正时请填写更正理由"):
        _correct(row, staff, reason=" ", wage_total=Decimal("1.00"))
    with pytest.raises(Invalid, match="没有任何更改"):
        _correct(row, staff, headcount=Headcount(monthly=(300,) * 12))
    done = _correct(row, staff, wage_total=Decimal("17000000.00"))
    row.refresh_from_db()
    # the original is corrected already: only its correction can be corrected again
    with pytest.raises(Conflict, match="已更正，由更正后的申报取代，不能更正"):
        _correct(row, staff, wage_total=Decimal("16000000.00"))
    again = _correct(done.declaration, staff, wage_total=Decimal("16000000.00"))
    assert again.declaration.wage_total == Decimal("16000000.00")
    assert DeclarationCorrection.objects.count() == 2
    assert Declaration.objects.get(pk=done.declaration.pk).status == S.CORRECTED


def test_only_staff_with_the_right_in_the_area_may_correct(certified):
    row, user, _, _ = certified
    with pytest.raises(NotFound):
        _correct(row, user, wage_total=Decimal("1.00"))
    with pytest.raises(NotFound):  # a counsellor has no such right: no such page either
        _correct(row, CounsellorFactory(), wage_total=Decimal("1.00"))
    with pytest.raises(NotFound):
        _correct(row, CountyAdminFactory(region_id="370826"), wage_total=Decimal("1.00"))
    assert Declaration.objects.get(pk=row.pk).status == S.CERTIFIED


def test_the_correction_page_confirms_and_shows_the_record_on_both_declarations(client, certified):
    row, user, staff, _ = certified
    url = reverse("quota:correct", args=[row.pk])
    client.force_login(staff)
    detail = client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert f'href="{url}"' in detail
    form = client.get(url)
    assert form.status_code == 200
    assert "更正理由" in form.content.decode()
    data = {
        "version": row.version,
        "reason": "按审计报告更正工资总额",
        "headcount_kind": "monthly",
        **{f"headcount_{m}": "300" for m in range(1, 13)},
        "wage_total": "17500000.00",
    }
    missing = client.post(url, {**data, "reason": ""})
    assert missing.status_code == 200
    assert not DeclarationCorrection.objects.exists()
    response = client.post(url, data)
    new = DeclarationCorrection.objects.get().corrected
    assert response.status_code == 302
    assert response["Location"] == reverse("quota:declaration", args=[new.pk])
    page = client.get(response["Location"]).content.decode()
    assert "已重新出具审核确认书" in page
    assert "按审计报告更正工资总额" in page
    assert "18000000.00" in page
    assert "17500000.00" in page
    original = client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "状态：已更正" in original
    assert reverse("quota:declaration", args=[new.pk]) in original
    # the original's correction page is refused now; the employer has no such page
    assert client.get(url).status_code == 409
    client.force_login(user)
    assert client.get(reverse("quota:correct", args=[new.pk])).status_code == 404
    employer_view = client.get(reverse("quota:declaration", args=[new.pk])).content.decode()
    assert "按审计报告更正工资总额" in employer_view
    assert 'id="go-correct"' not in employer_view
