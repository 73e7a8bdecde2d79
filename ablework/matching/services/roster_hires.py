"""A hire from a referral onto the employer's quota roster (申报名单) of the hire's start year:
one line with the person's certificate, name, grade and resident ID from the registry, 劳动合同
from the start day, the posting's title as the post — wages and insured months are the
employer's to fill in. The line is added through quota's `add_roster_line`, so every check of a
save applies, on the version the page was opened with (StaleRecord, 409, otherwise); the
declaration must be the posting's employer's, of the start year, still a draft or returned;
a person already on the roster is refused."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.models import Referral, ReferralState
from ablework.matching.selectors.referrals import RECORD, access_referral
from ablework.matching.selectors.roster_hires import persons_on_roster, start_day
from ablework.matching.services.referrals import referral_label
from ablework.quota.inputs import LineInput
from ablework.quota.models import CertificateKind, Declaration, EmploymentForm
from ablework.quota.services.drafts import EDITABLE, add_roster_line
from ablework.quota.transitions import not_editable
from ablework.registry.models import Person


def roster_line_of(referral: Referral, person: Person) -> LineInput:
    """The roster line a hire makes (its number is given when it is added)."""
    started_on = start_day(referral)
    return LineInput(
        line=0,
        certificate_kind=CertificateKind.DISABILITY,
        certificate_number=person.certificate_number,
        name=person.name,
        grade=person.disability_grade,
        resident_id=person.resident_id,
        employment_form=EmploymentForm.LABOUR_CONTRACT,
        contract_start=started_on,
        post=referral.posting.title[:100],
    )


def _declaration(actor: User, declaration_id: int, referral: Referral) -> Declaration:
    """The declaration, if the actor may declare for its employer and it is the posting's
    employer's; NotFound otherwise (the same for a missing one and another employer's)."""
    found = (
        visible(actor, Declaration, permission=Permission.QUOTA_DECLARE)
        .select_related("employer")
        .filter(pk=declaration_id, employer_id=referral.posting.employer_id)
        .first()
    )
    if found is None:
        raise NotFound(_("没有找到该按比例就业申报。"))
    return found


def add_hire_to_roster(
    *, actor: User, referral_id: int, declaration_id: int, version: int
) -> Declaration:
    """Add the hired person of the referral to the employer's roster of the hire's start year
    (see above); the declaration as saved. Audited, naming the referral and the declaration."""
    referral = access_referral(actor, referral_id, permission=RECORD)
    if referral.state != ReferralState.HIRED:
        raise Invalid(_("只有已录用的推荐才能添加到申报名单。"))
    declaration = _declaration(actor, declaration_id, referral)
    started_on = start_day(referral)
    assert started_on is not None  # a hire's step carries its start day
    if started_on.year != declaration.levy_year:
        raise Invalid(
            _("此人于 %(day)s 入职，应添加到 %(year)s 年度的申报名单。")
            % {"day": f"{started_on:%Y-%m-%d}", "year": started_on.year}
        )
    if declaration.status not in EDITABLE:
        raise Conflict(not_editable(declaration.status))
    person = Person.objects.get(pk=referral.person_id)
    if not person.certificate_number:
        raise Invalid(_("残疾人名册中没有此人的残疾人证号，请先在名册中补录，再添加到申报名单。"))
    if person.pk in persons_on_roster(declaration):
        raise Conflict(
            _("%(name)s 已在 %(year)s 年度的申报名单中。")
            % {"name": person.name, "year": declaration.levy_year}
        )
    with transaction.atomic():
        row, result = add_roster_line(
            actor=actor,
            declaration_id=declaration.pk,
            version=version,
            line=roster_line_of(referral, person),
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.REFERRAL_TO_ROSTER,
            target=referral,
            target_label=referral_label(referral),
            detail={
                "declaration": row.pk,
                "levy_year": row.levy_year,
                "line": len(result.lines),
            },
        )
    return row
