"""After submission: the employer resubmits a returned declaration, the staff of its region
return, certify or reject it — each transition by the table, on the version seen, audited, and
a return told to the employer's users on their home page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from ablework.core.audit_reading import readable_records
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditRecord, Notification
from ablework.core.versioning import StaleRecord, changes_since
from ablework.quota.inputs import read_declaration
from ablework.quota.models import (
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
    DeclarationSubmission,
    LineMonth,
)
from ablework.quota.services import submit_declaration
from ablework.quota.services.filing import VERSION_ACTIONS
from ablework.quota.services.review import (
    certify_declaration,
    reject_declaration,
    resubmit_declaration,
    return_declaration,
)
from ablework.quota.transitions import TRANSITIONS, Party, Transition
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)
TREE = with_social_average_wage("100000")
S = DeclarationStatus

pytestmark = pytest.mark.django_db


def _filed(**line_changes: Any) -> tuple[Declaration, dict[str, Any], Any]:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一", **line_changes)])
    user = EmployerUserFactory(employer=employer)
    stored, _ = submit_declaration(
        actor=user, declaration=read_declaration(payload), today=TODAY, tree=TREE
    )
    return stored, payload, user


def _resubmit(row: Declaration, payload: dict[str, Any], user: Any) -> Declaration:
    return resubmit_declaration(
        actor=user,
        declaration_id=row.pk,
        version=row.version,
        declaration=read_declaration(payload),
        today=TODAY,
        tree=TREE,
    )[0]


def test_the_table_names_who_moves_each_status() -> None:
    assert {t: (tuple(r.sources), r.target, r.party) for t, r in TRANSITIONS.items()} == {
        Transition.SUBMIT: ((S.DRAFT,), S.SUBMITTED, Party.EMPLOYER),
        Transition.RETURN: ((S.SUBMITTED, S.RESUBMITTED), S.RETURNED, Party.FEDERATION),
        Transition.RESUBMIT: ((S.RETURNED,), S.RESUBMITTED, Party.EMPLOYER),
        Transition.CERTIFY: ((S.SUBMITTED, S.RESUBMITTED), S.CERTIFIED, Party.FEDERATION),
        Transition.REJECT: ((S.SUBMITTED, S.RESUBMITTED), S.REJECTED, Party.FEDERATION),
        Transition.CORRECT: ((S.CERTIFIED,), S.CORRECTED, Party.FEDERATION),
    }


def test_submitted_returned_resubmitted_certified_keeps_each_trace() -> None:
    row, payload, user = _filed()
    staff = CountyAdminFactory()
    assert row.submissions.count() == 1
    row = return_declaration(
        actor=staff,
        declaration_id=row.pk,
        version=row.version,
        reason="请补充劳动合同",
        line_reasons={0: "1月至6月工资表缺失"},
    )
    assert row.status == S.RETURNED
    event = DeclarationEvent.objects.get(transition="return")
    assert event.line_reasons == [{"line": 0, "reason": "1月至6月工资表缺失"}]
    assert event.reason == "请补充劳动合同"

    # corrected: the person now works July–December too
    payload["roster"][0] = line(row.lines.get().certificate_number, "王一", months_=range(1, 13))
    row = _resubmit(row, payload, user)
    assert row.status == S.RESUBMITTED
    first, second = DeclarationSubmission.objects.filter(declaration=row).order_by("round")
    assert (first.round, second.round) == (1, 2)
    assert first.rules_trace != second.rules_trace  # the first number stays reproducible
    assert second.rules_trace == row.rules_trace
    assert LineMonth.objects.filter(roster_line__declaration=row, counted=True).count() == 12

    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    assert Declaration.objects.get(pk=row.pk).status == S.CERTIFIED
    assert list(row.events.values_list("to_status", flat=True)) == [
        S.SUBMITTED,
        S.RETURNED,
        S.RESUBMITTED,
        S.CERTIFIED,
    ]


def test_rejected_with_a_reason_from_submitted_and_resubmitted() -> None:
    staff = CountyAdminFactory()
    row, _, _ = _filed()
    row = reject_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="虚报")
    assert Declaration.objects.get(pk=row.pk).status == S.REJECTED

    row, payload, user = _filed()
    row = return_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="补")
    row = _resubmit(row, payload, user)
    row = reject_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="虚报")
    assert Declaration.objects.get(pk=row.pk).status == S.REJECTED
    with pytest.raises(Invalid, match="不予通过时请填写理由"):
        reject_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason=" ")


def test_refused_transitions_say_why_in_chinese() -> None:
    staff = CountyAdminFactory()
    row, payload, user = _filed()
    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    hint = "审核确认后的申报只能由残联办理更正，原申报保留。"
    with pytest.raises(Conflict, match=rf"^该申报已审核确认，不能退回。{hint}$"):
        return_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="x")
    with pytest.raises(Conflict, match=rf"^该申报已审核确认，不能不予通过。{hint}$"):
        reject_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="x")
    with pytest.raises(Conflict, match=rf"^该申报已审核确认，不能重新提交。{hint}$"):
        _resubmit(row, payload, user)
    other, other_payload, other_user = _filed()
    with pytest.raises(Conflict, match=r"^该申报已提交，正等待审核，不能重新提交。$"):
        _resubmit(other, other_payload, other_user)
    assert Declaration.objects.get(pk=other.pk).status == S.SUBMITTED


def test_who_may_move_it_employer_users_cannot_review_staff_elsewhere_see_nothing() -> None:
    row, payload, user = _filed()
    with pytest.raises(NotFound):
        certify_declaration(actor=user, declaration_id=row.pk, version=row.version)
    with pytest.raises(NotFound):
        return_declaration(
            actor=CountyAdminFactory(region_id="370826"),
            declaration_id=row.pk,
            version=row.version,
            reason="x",
        )
    with pytest.raises(NotFound):  # another employer's user cannot resubmit it
        resubmit_declaration(
            actor=EmployerUserFactory(),
            declaration_id=row.pk,
            version=row.version,
            declaration=read_declaration(payload),
            today=TODAY,
            tree=TREE,
        )
    assert Declaration.objects.get(pk=row.pk).status == S.SUBMITTED


def test_a_return_needs_a_reason_for_a_line_of_the_roster() -> None:
    row, _, _ = _filed()
    staff = CountyAdminFactory()
    with pytest.raises(Invalid, match="退回时请填写退回理由"):
        return_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    with pytest.raises(Invalid, match="名单中没有第 8 行"):
        return_declaration(
            actor=staff, declaration_id=row.pk, version=row.version, line_reasons={7: "?"}
        )
    assert Declaration.objects.get(pk=row.pk).status == S.SUBMITTED


def test_two_staff_on_the_same_version_the_second_is_refused_with_what_changed() -> None:
    row, _, _ = _filed()
    seen = row.version
    first, second = CountyAdminFactory(), CountyAdminFactory()
    certify_declaration(actor=first, declaration_id=row.pk, version=seen)
    with pytest.raises(StaleRecord) as refused:
        return_declaration(actor=second, declaration_id=row.pk, version=seen, reason="迟了")
    changed = changes_since(refused.value, actions=VERSION_ACTIONS)
    assert [(c.action, c.actor_id) for c in changed] == [("quota.declaration.certify", first.pk)]
    assert Declaration.objects.get(pk=row.pk).status == S.CERTIFIED
    assert not DeclarationEvent.objects.filter(transition="return").exists()
    assert not Notification.objects.filter(text__contains="退回").exists()


def test_each_transition_reads_as_words_in_the_audit_trail() -> None:
    row, payload, user = _filed()
    staff = CountyAdminFactory()
    row = return_declaration(actor=staff, declaration_id=row.pk, version=row.version, reason="补")
    row = _resubmit(row, payload, user)
    certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    records = AuditRecord.objects.filter(action__startswith="quota.declaration.").exclude(
        action="quota.declaration.submit"
    )
    shown = readable_records(list(records.order_by("at", "id")))
    assert [item.action for item in shown] == [
        "退回按比例就业申报",
        "重新提交按比例就业申报",
        "审核确认按比例就业申报",
    ]
    assert [str(change) for change in shown[0].changes] == ["状态：已提交 → 已退回"]
    assert [str(change) for change in shown[2].changes] == ["状态：已重新提交 → 已审核确认"]


def test_a_return_is_a_message_on_the_employers_home_page(client) -> None:
    row, _, user = _filed()
    colleague = EmployerUserFactory(employer=row.employer)
    stranger = EmployerUserFactory()
    return_declaration(
        actor=CountyAdminFactory(),
        declaration_id=row.pk,
        version=row.version,
        reason="请补充劳动合同",
        line_reasons={0: "工资表缺失"},
    )
    messages = Notification.objects.filter(read_at__isnull=True)
    assert sorted(m.recipient_id for m in messages) == sorted([user.pk, colleague.pk])
    text = (
        "您单位 2023 年度的按比例就业申报已被退回：请补充劳动合同。"
        "第 1 行：工资表缺失。请修改后重新提交。"
    )
    client.force_login(colleague)
    page = client.get(reverse("shell:home")).content.decode()
    assert "未读消息" in page
    assert text in page
    assert reverse("quota:declaration", args=[row.pk]) in page
    client.force_login(stranger)
    page = client.get(reverse("shell:home")).content.decode()
    assert "未读消息" not in page
    assert "退回" not in page
