"""Changing a draft (or a returned declaration): its facts, one roster line, a roster file, and
submitting it. Every save names the version the page was opened on: a save over another user's
change is refused (409) with what they changed, and what was typed stays in the form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.core.errors import Conflict, FieldProblem, Invalid, NotFound
from ablework.core.form_pages import form_page
from ablework.core.forms import DomainForm, VersionedForm
from ablework.exchange.cells import CellProblem
from ablework.exchange.reading import UnreadableFile
from ablework.quota.access import access_declaration
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.forms.facts import FactsForm
from ablework.quota.forms.line import LineForm
from ablework.quota.forms.roster_file import APPEND, RosterFileForm
from ablework.quota.inputs import LineInput
from ablework.quota.models import Declaration, DeclarationStatus
from ablework.quota.pages.declarations import declaration_url
from ablework.quota.pages.reading import figures_of
from ablework.quota.problems import Problem
from ablework.quota.roster import DeclarationFacts, read_roster
from ablework.quota.selectors.drafts import check_stored, declaration_input, facts_missing
from ablework.quota.services.drafts import EDITABLE, DraftChanges, save_draft, submit_draft
from ablework.quota.services.filing import VERSION_ACTIONS
from ablework.quota.transitions import not_editable

# The writes that advance a declaration's version, whose records a 409 page shows.
ACTIONS = VERSION_ACTIONS


class UnreadableRoster(Invalid):
    """Cells of the uploaded file that cannot be read: each is a problem of the file field."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        super().__init__(
            _("文件 %(file)s 中有 %(count)s 处无法读取，名单没有保存。")
            % {"file": file_name, "count": len(problems)},
            field="file",
        )
        self.file_name = file_name
        self.problems = problems

    def field_problems(self) -> list[FieldProblem]:
        return [
            # each names the file, the Excel row, the column and what was read
            FieldProblem(field="file", code=str(self.code), message=problem.message())
            for problem in self.problems
        ]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _editable(user: User, declaration_id: int) -> Declaration:
    row = access_declaration(user, declaration_id)
    if row.status not in EDITABLE:
        raise Conflict(not_editable(row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED)
    return row


def _saver(
    user: User, row: Declaration, changes: Callable[[dict[str, Any]], DraftChanges]
) -> Callable[[dict[str, Any]], Any]:
    def save(data: dict[str, Any]) -> Any:
        return save_draft(
            actor=user, declaration_id=row.pk, version=data["version"], changes=changes(data)
        )

    return save


def _edit_page(
    request: HttpRequest,
    row: Declaration,
    form: DomainForm,
    *,
    template: str,
    changes: Callable[[dict[str, Any]], DraftChanges],
    done: str,
    anchor: str = "",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    user = _user(request)
    return form_page(
        request,
        form,
        template=template,
        save=_saver(user, row, changes),
        done=done,
        next_url=declaration_url(row) + anchor,
        context={"declaration": row, "employer": row.employer, **(context or {})},
        versioned=(row, ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def facts_edit(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """在职职工人数 and the wage total."""
    row = _editable(_user(request), declaration_id)
    form = FactsForm(request.POST or None, initial=FactsForm.initial_for(row), prefix="facts")
    return _edit_page(
        request,
        row,
        form,
        template="quota/facts_form.html",
        changes=lambda data: DraftChanges(
            headcount=form.headcount(), wage_total=data["wage_total"]
        ),
        done=_("已保存在职职工人数和工资总额。"),
        anchor="#facts",
    )


def _roster(row: Declaration) -> tuple[LineInput, ...]:
    return declaration_input(row).roster


def _stored_line(row: Declaration, line: int) -> LineInput:
    found = next((entry for entry in _roster(row) if entry.line == line), None)
    if found is None:
        raise NotFound(_("名单中没有这一行。"))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def line_new(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """Add one line to the roster."""
    row = _editable(_user(request), declaration_id)
    form = LineForm(request.POST or None, initial={"version": row.version})
    return _edit_page(
        request,
        row,
        form,
        template="quota/line_form.html",
        changes=lambda data: DraftChanges(roster=(*_roster(row), form.line())),
        done=_("已添加一行。"),
        anchor="#roster",
        context={"line": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request: HttpRequest, declaration_id: int, line: int) -> HttpResponse:
    """Change one line of the roster."""
    row = _editable(_user(request), declaration_id)
    stored = _stored_line(row, line)
    form = LineForm(
        request.POST or None,
        initial={**LineForm.initial_for(stored), "version": row.version},
        stored=stored,
    )

    def changes(data: dict[str, Any]) -> DraftChanges:
        typed = form.line()
        return DraftChanges(
            roster=tuple(typed if entry.line == line else entry for entry in _roster(row))
        )

    return _edit_page(
        request,
        row,
        form,
        template="quota/line_form.html",
        changes=changes,
        done=_("已保存第 %(line)s 行。") % {"line": line + 1},
        anchor="#roster",
        context={"line": stored, "line_number": line + 1},
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_remove(request: HttpRequest, declaration_id: int, line: int) -> HttpResponse:
    """Remove one line, after a confirmation."""
    row = _editable(_user(request), declaration_id)
    stored = _stored_line(row, line)
    form = VersionedForm(request.POST or None, initial={"version": row.version})
    return _edit_page(
        request,
        row,
        form,
        template="quota/line_remove.html",
        changes=lambda data: DraftChanges(
            roster=tuple(entry for entry in _roster(row) if entry.line != line)
        ),
        done=_("已删除第 %(line)s 行（%(name)s）。") % {"line": line + 1, "name": stored.name},
        anchor="#roster",
        context={"line": stored, "line_number": line + 1},
    )


@login_required
@require_http_methods(["GET", "POST"])
def roster_upload(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """Read a roster file in the template: it replaces the roster or is added after it; a file
    with any cell that cannot be read saves nothing, and every such cell is listed."""
    row = _editable(_user(request), declaration_id)
    form = RosterFileForm(
        request.POST or None, request.FILES or None, initial={"version": row.version}
    )

    def changes(data: dict[str, Any]) -> DraftChanges:
        uploaded = data["file"]
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
        roster = read.roster
        if data["mode"] == APPEND:
            roster = (*stored.roster, *roster)
        return DraftChanges(roster=tuple(replace(entry, line=i) for i, entry in enumerate(roster)))

    return _edit_page(
        request,
        row,
        form,
        template="quota/roster_upload.html",
        changes=changes,
        done=_("已读入名单文件，请查看各行的问题。"),
        anchor="#roster",
    )


@login_required
@require_http_methods(["GET", "POST"])
def declaration_submit(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """What will be submitted (N, D, the levy), and the button that submits it."""
    user = _user(request)
    row = _editable(user, declaration_id)
    form = VersionedForm(request.POST or None, initial={"version": row.version})
    result = check_stored(row)
    missing = facts_missing(row)
    resubmit = row.status == DeclarationStatus.RETURNED
    return form_page(
        request,
        form,
        template="quota/declaration_submit.html",
        save=lambda data: submit_draft(actor=user, declaration_id=row.pk, version=data["version"]),
        done=_("已重新提交，请等待审核。") if resubmit else _("已提交，请等待审核。"),
        next_url=declaration_url(row),
        context={
            "declaration": row,
            "employer": row.employer,
            "figures": figures_of(result.worksheet, facts_missing=missing),
            "lines": len(result.lines),
            "has_errors": result.has_errors,
            "facts_missing": missing,
            "resubmit": resubmit,
        },
        versioned=(row, ACTIONS),
    )
