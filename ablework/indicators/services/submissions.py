"""Submit a county's figures for a quarter or a year (报送), approve (lock) or return them at
the level above, and correct locked figures by a revision (更正) the level above approves —
every step audited, every decision on the version the page was opened on.

What is stored is never changed: a submission's figures (`SubmittedFigure`) are written once;
a revision adds its own rows; a returned submission stays as it was and a new one is made when
the county submits again (docs/indicators.md, 报送与锁定)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.scope import access_one, require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.core.region_names import region_full_name
from ablework.core.versioning import advance_version
from ablework.indicators.access import MANAGE
from ablework.indicators.audit_actions import SubmissionAction
from ablework.indicators.catalogue import catalogue
from ablework.indicators.models import (
    Revision,
    RevisionStatus,
    Submission,
    SubmissionStatus,
    SubmittedFigure,
)
from ablework.indicators.periods import Period, parse_period
from ablework.indicators.selectors.figures import Figure, figures_for
from ablework.indicators.selectors.locks import lock_of, lockable

if TYPE_CHECKING:
    from ablework.accounts.models import User

SUBMITTING_LEVELS = (RegionLevel.COUNTY,)


def submission_label(submission: Submission) -> str:
    """`任城区 · 2026年第3季度`."""
    return _("%(region)s · %(period)s") % {
        "region": region_full_name(submission.region_code),
        "period": parse_period(submission.period).label,
    }


def submittable_period(code: str) -> Period:
    """A quarter or a year that has begun, or Invalid saying what may be submitted."""
    period = parse_period(code)
    if not lockable(period):
        raise Invalid(
            _("只能报送一个季度（例如 2026Q3）或一年（例如 2026）的数据。"), field="period"
        )
    if not period.has_started():
        raise Invalid(
            _("%(period)s还没有开始，不能报送。") % {"period": period.label}, field="period"
        )
    return period


def _figure_rows(
    submission: Submission, revision: Revision | None, figures: Sequence[Figure]
) -> list[SubmittedFigure]:
    rows = []
    for figure in figures:
        places = [(submission.region_code, figure.total)]
        places += [(part.code, part.tally) for part in figure.parts]
        rows += [
            SubmittedFigure(
                submission=submission,
                revision=revision,
                indicator=figure.measure.code,
                place=place,
                numerator=tally.numerator,
                denominator=tally.denominator,
            )
            for place, tally in places
        ]
    return rows


def _own_county(actor: User, region_code: str) -> Region:
    """The county the actor submits for: their own; another region of their area is refused."""
    require_permission(actor, MANAGE)
    region = Region.objects.filter(code=region_code).first()
    if region is None or not scope_of(actor).covers_code(region.code):
        raise NotFound(_("没有找到该地区，或它不在您的管辖范围内。"), field="region")
    if region.level not in SUBMITTING_LEVELS:
        raise Invalid(
            _("由县（市、区）报送本地区的数据；市、省的数据由所辖各县的报送数合成。"),
            field="region",
        )
    if actor.region_id != region.code:
        raise Invalid(
            _("只有%(region)s本级的管理员可以报送或更正它的数据。") % {"region": region.name},
            field="region",
        )
    return region


def submit_figures(*, actor: User, region_code: str, period_code: str) -> Submission:
    """报送: store every indicator's figure for the county and its townships as it is now, for
    the level above to approve; a returned submission may be submitted again."""
    region = _own_county(actor, region_code)
    period = submittable_period(period_code)
    try:
        with transaction.atomic():
            if (
                Submission.objects.filter(region_code=region.code, period=period.code)
                .exclude(status=SubmissionStatus.RETURNED)
                .exists()
            ):
                raise Invalid(
                    _("%(region)s%(period)s的数据已经报送过，不能重复报送；需要改正请提交更正。")
                    % {"region": region.name, "period": period.label},
                    field="period",
                )
            submission = Submission.objects.create(
                region_code=region.code,
                period=period.code,
                read_until=period.read_until(),
                proposed_by=actor,
            )
            SubmittedFigure.objects.bulk_create(
                _figure_rows(submission, None, figures_for(region, period))
            )
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=SubmissionAction.SUBMIT,
                target=submission,
                target_label=submission_label(submission),
                region_code=region.code,
                changes={"status": [None, SubmissionStatus.SUBMITTED]},
                detail={"period": period.code, "read_until": submission.read_until.isoformat()},
            )
    except IntegrityError:  # another submission of the same period was written meanwhile
        raise Invalid(
            _("%(region)s%(period)s的数据刚刚已由他人报送。")
            % {"region": region.name, "period": period.label},
            field="period",
        ) from None
    return submission


def _above(actor: User, region_code: str, message: str) -> None:
    """Decisions are the level above's: the region's own staff are refused."""
    if actor.region_id == region_code:
        raise Invalid(message, field="decision")


def approve_submission(*, actor: User, submission_id: int, version: int) -> Submission:
    """审核通过: the submission's figures become the period's locked figures."""
    return decide_on(SUBMISSION_DECISION, actor=actor, pk=submission_id, version=version)


def return_submission(*, actor: User, submission_id: int, version: int, note: str) -> Submission:
    """退回, with the reason: the county may submit again."""
    return decide_on(SUBMISSION_DECISION, actor=actor, pk=submission_id, version=version, note=note)


def propose_revision(
    *, actor: User, submission_id: int, version: int, indicators: Sequence[str], reason: str
) -> Revision:
    """更正: the live figures of the chosen indicators, which now differ from the locked ones,
    proposed with a reason for the level above to approve."""
    if not reason.strip():
        raise Invalid(_("请写明更正的理由：哪些数据改了、为什么。"), field="reason")
    measures = [measure for measure in catalogue() if measure.code in set(indicators)]
    if not measures:
        raise Invalid(_("请选择要更正的指标。"), field="indicators")
    with transaction.atomic():
        submission = _locked(SUBMISSION_DECISION, actor, submission_id)
        region = _own_county(actor, submission.region_code)
        if submission.status != SubmissionStatus.LOCKED:
            raise Invalid(_("只有已审核锁定的报送可以更正。"), field="indicators")
        advance_version(submission, seen=version)
        if submission.revisions.filter(status=RevisionStatus.PENDING).exists():
            raise Invalid(_("已有一项更正待上级审核：审核后才能再提交。"), field="indicators")
        period = parse_period(submission.period)
        live = figures_for(region, period, measures=measures)
        stored = lock_of(submission).figures
        changed = [
            figure
            for figure in live
            if (kept := stored.get(figure.measure.code)) is None
            or kept.total != figure.total
            or {part.code: part.tally for part in figure.parts} != kept.parts
        ]
        if not changed:
            raise Invalid(_("所选指标的实时数据与锁定的报送数相同，无需更正。"), field="indicators")
        revision = Revision.objects.create(
            submission=submission,
            reason=reason.strip()[:300],
            read_until=period.read_until(),
            proposed_by=actor,
        )
        SubmittedFigure.objects.bulk_create(_figure_rows(submission, revision, changed))
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=SubmissionAction.REVISE,
            target=submission,
            target_label=submission_label(submission),
            region_code=submission.region_code,
            changes=_revised(changed, stored),
            detail={"reason": revision.reason, "revision": revision.pk},
        )
    return revision


def _revised(changed: Sequence[Figure], stored: dict[str, Any]) -> dict[str, list[Any]]:
    """Each indicator's total before → after, as the audit trail keeps it."""
    changes = {}
    for figure in changed:
        kept = stored.get(figure.measure.code)
        before = None if kept is None else _written(kept.total)
        changes[figure.measure.code] = [before, _written(figure.total)]
    return changes


def _written(tally: Any) -> str:
    if tally.denominator is None:
        return str(tally.numerator)
    return f"{tally.numerator}/{tally.denominator}"


def approve_revision(*, actor: User, revision_id: int, version: int) -> Revision:
    """审核通过更正: its figures now stand for the locked ones (the original stays stored)."""
    return decide_on(REVISION_DECISION, actor=actor, pk=revision_id, version=version)


def return_revision(*, actor: User, revision_id: int, version: int, note: str) -> Revision:
    """退回更正, with the reason: the locked figures stay as they were."""
    return decide_on(REVISION_DECISION, actor=actor, pk=revision_id, version=version, note=note)


R = TypeVar("R", Submission, Revision)


@dataclass(frozen=True)
class DecisionKind(Generic[R]):
    """What a decision on a submission and one on a revision differ in (the steps are one,
    decide_on): the record, its statuses, its audit actions and the words of its refusals."""

    rows: QuerySet[R]
    not_found: Promise
    submission_of: Callable[[R], Submission]
    waiting: str
    approved: str
    returned: str
    approve_action: SubmissionAction
    return_action: SubmissionAction
    own_region: Promise
    own_proposal: Promise
    decided: Promise  # with %(status)s, the status it was decided to
    detail: Callable[[R], dict[str, Any]]  # what the audit record keeps besides the reason


SUBMISSION_DECISION = DecisionKind[Submission](
    rows=Submission.objects.all(),
    not_found=gettext_lazy("没有找到该报送。"),
    submission_of=lambda submission: submission,
    waiting=SubmissionStatus.SUBMITTED,
    approved=SubmissionStatus.LOCKED,
    returned=SubmissionStatus.RETURNED,
    approve_action=SubmissionAction.APPROVE,
    return_action=SubmissionAction.RETURN,
    own_region=gettext_lazy("本地区的报送须由上级审核，不能自己审核。"),
    own_proposal=gettext_lazy("不能审核自己报送的数据。"),
    decided=gettext_lazy("该报送已经审核过（%(status)s），不能再审核。"),
    detail=lambda submission: {},
)

REVISION_DECISION = DecisionKind[Revision](
    rows=Revision.objects.select_related("submission"),
    not_found=gettext_lazy("没有找到该更正。"),
    submission_of=lambda revision: revision.submission,
    waiting=RevisionStatus.PENDING,
    approved=RevisionStatus.APPROVED,
    returned=RevisionStatus.REJECTED,
    approve_action=SubmissionAction.REVISION_APPROVE,
    return_action=SubmissionAction.REVISION_RETURN,
    own_region=gettext_lazy("本地区的更正须由上级审核，不能自己审核。"),
    own_proposal=gettext_lazy("不能审核自己提交的更正。"),
    decided=gettext_lazy("该更正已经审核过（%(status)s），不能再审核。"),
    detail=lambda revision: {"revision": revision.pk},
)


def _locked(kind: DecisionKind[R], actor: User, pk: int) -> R:
    """The record, locked until the transaction ends, if it is inside the actor's area."""
    return access_one(
        actor,
        kind.rows.select_for_update(),
        pk,
        permission=MANAGE,
        not_found_message=str(kind.not_found),
    )


def decide_on(
    kind: DecisionKind[R], *, actor: User, pk: int, version: int, note: str | None = None
) -> R:
    """审核: approve (no note) or return with the reason (退回), on the version the page was
    opened on — by the level above, never by the proposer, and only while it waits."""
    if note is not None and not note.strip():
        raise Invalid(_("请写明退回的理由。"), field="decision_note")
    reason = "" if note is None else note.strip()[:200]
    status = kind.returned if reason else kind.approved
    with transaction.atomic():
        record = _locked(kind, actor, pk)
        submission = kind.submission_of(record)
        _above(actor, submission.region_code, str(kind.own_region))
        record.refuse_own_proposal(actor, kind.own_proposal)
        # on an older version: refused with what the other decided (409), before the status
        advance_version(record, seen=version)
        if record.status != kind.waiting:
            raise Invalid(
                str(kind.decided) % {"status": record.get_status_display()}, field="decision"
            )
        record.decision_note = reason
        record.store_decision(actor, status)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=kind.return_action if reason else kind.approve_action,
            target=record,
            target_label=submission_label(submission),
            region_code=submission.region_code,
            changes={"status": [kind.waiting, status]},
            detail={"reason": reason, **kind.detail(record)} if reason else kind.detail(record),
        )
    return record
