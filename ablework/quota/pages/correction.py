"""更正: the page on which staff with `quota.correct` correct a certified declaration — a reason,
the figures, lines to remove or a roster file — and the record of a correction on the
declaration pages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one
from ablework.core.changes import KEEP
from ablework.core.errors import Conflict, Invalid
from ablework.core.form_pages import form_page
from ablework.exchange.cells import CellProblem
from ablework.exchange.reading import UnreadableFile
from ablework.printing.responses import public_base_url
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.forms.correction import CorrectionForm
from ablework.quota.inputs import LineInput
from ablework.quota.models import Declaration
from ablework.quota.pages.declarations import declaration_url
from ablework.quota.pages.editing import UnreadableRoster
from ablework.quota.roster import DeclarationFacts, read_roster
from ablework.quota.selectors.drafts import declaration_input, with_roster
from ablework.quota.services.correction import (
    Corrected,
    CorrectionChanges,
    correct_declaration,
)
from ablework.quota.services.filing import VERSION_ACTIONS
from ablework.quota.transitions import Transition, allowed, refusal


def _roster_from_file(row: Declaration, uploaded: Any) -> tuple[LineInput, ...]:
    stored = declaration_input(row)
    facts = DeclarationFacts(
        employer=stored.employer,
        levy_year=stored.levy_year,
        headcount=stored.headcount,
        wage_total=stored.wage_total,
    )
    try:
        read = read_roster(uploaded, facts, name=uploaded.name)
    except (CellProblem, UnreadableFile) as problem:
        raise Invalid(
            _("无法读取文件 %(file)s：%(reason)s") % {"file": uploaded.name, "reason": problem},
            field="file",
        ) from None
    if read.unreadable:
        raise UnreadableRoster(uploaded.name, list(read.unreadable))
    if not read.roster:
        raise Invalid(
            _("文件 %(file)s 中没有残疾职工名单行。") % {"file": uploaded.name}, field="file"
        )
    return tuple(replace(entry, line=i) for i, entry in enumerate(read.roster))


@login_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """更正 a certified declaration: on confirmation the corrected one is certified, the
    certificate issued again, and its page opens."""
    user: User = request.user  # type: ignore[assignment]
    row = access_one(
        user,
        with_roster(Declaration.objects.all()),
        declaration_id,
        permission=Permission.QUOTA_CORRECT,
        not_found_message=_("没有找到该按比例就业申报。"),
    )
    seen = request.POST.get("version")
    if not allowed(Transition.CORRECT, row.status) and seen in (None, str(row.version)):
        raise Conflict(
            refusal(Transition.CORRECT, row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED
        )
    lines = list(row.lines.all())
    form = CorrectionForm(
        request.POST or None,
        request.FILES or None,
        initial=CorrectionForm.initial_for(row),
        lines=lines,
    )

    def save(data: dict[str, Any]) -> Corrected:
        stored = declaration_input(row).roster
        if data.get("file"):
            roster: Any = _roster_from_file(row, data["file"])
        elif form.removed():
            roster = tuple(entry for entry in stored if entry.line not in form.removed())
        else:
            roster = KEEP
        return correct_declaration(
            actor=user,
            declaration_id=row.pk,
            version=data["version"],
            reason=data["reason"],
            changes=CorrectionChanges(
                headcount=form.headcount(), wage_total=data["wage_total"], roster=roster
            ),
            base_url=public_base_url(request),
        )

    return form_page(
        request,
        form,
        template="quota/correction_form.html",
        save=save,
        done=lambda corrected: (
            _("已更正，已重新出具审核确认书（验证码 %(code)s），原确认书已作废。")
            % {"code": corrected.certificate.document.display_code}
        ),
        next_url=lambda corrected: declaration_url(corrected.declaration),
        context={"declaration": row, "employer": row.employer, "lines": lines},
        versioned=(row, VERSION_ACTIONS),
    )
