"""Writing the audit trail. Services call these inside their transaction."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.http import HttpRequest
from django.http.response import HttpResponseRedirectBase

from ablework.core.audit_actions import AuditAction, audit_action
from ablework.core.bulk import insert_rows
from ablework.core.models import AuditKind, AuditPerson, AuditRecord
from ablework.core.scoping import region_of


def _label(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields`, as the audit trail stores them."""
    return {name: _label(getattr(instance, name)) for name in fields}


# What the audit trail records of a changed free text (which may hold health data).
TEXT_CHANGED = "已修改"


def diff(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    sensitive: Mapping[str, Callable[[str], str]] | None = None,
    texts: Iterable[str] = (),
) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for each changed field. A sensitive value is stored through its
    mask (the same one the pages, exports and API show); of a free text in `texts` only that it
    changed is stored."""
    masks = sensitive or {}
    hidden_texts = set(texts)
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name in hidden_texts:
            old, new = "", TEXT_CHANGED
        elif (mask := masks.get(name)) is not None:
            old = mask(str(old)) if old else old
            new = mask(str(new)) if new else new
        changes[name] = [old, new]
    return changes


def record_audit(
    *,
    actor: Any,
    kind: AuditKind,
    action: AuditAction,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    region_code: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditRecord:
    """Append one audit record. `actor` is a user, or None for the system itself."""
    record = AuditRecord(
        **audit_entry(
            actor=actor,
            kind=kind,
            action=action,
            target=target,
            target_type=target_type,
            target_label=target_label,
            region_code=region_code,
            changes=changes,
            detail=detail,
        )
    )
    record.save()
    return record


def audit_entry(
    *,
    actor: Any,
    kind: AuditKind,
    action: AuditAction,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    region_code: str = "",
    changes: Mapping[str, list[Any]] | None = None,
    detail: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The values of one audit record, for `record_audit` or many at once `record_audits`."""
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_label = target_label or str(target)
    region_code = audit_region(actor=actor, target=target, given=region_code)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return {
        "actor_id": actor.pk if is_user else None,
        "actor_label": actor.get_username() if is_user else "system",
        "kind": kind,
        "action": audit_action(action).value,  # a code no app declares fails here
        "target_type": target_type,
        "target_id": str(target.pk) if target is not None else "",
        "target_label": target_label[:200],
        "region_code": region_code,
        "changes": dict(changes or {}),
        "detail": dict(detail or {}),
    }


def audit_region(*, actor: Any, target: models.Model | None = None, given: str = "") -> str:
    """The region an audit row belongs to, which decides who sees it: the code the caller gives,
    else the finest region known for the target (the columns its model declares in
    `scoped_by`: a person's township when set), else the actor's own region."""
    if given:
        return given
    if target is not None and (code := region_of(target)):
        return code
    region_id = getattr(actor, "region_id", None) if actor is not None else None
    return str(region_id or "")


def record_audits(entries: Sequence[Mapping[str, Any]]) -> None:
    """Append many audit records at once (an import of a whole county's registry)."""
    insert_rows(AuditRecord, entries)


# Views that show a record log one view of it per response, through one mechanism: the access
# function that fetches the record for a response notes it (`note_shown`), and the view's
# decorator (`audits_views`) writes the view rows once the response is built, unless it only
# redirects or the view failed (a refused form re-rendered with its record is a view too).
_shown: ContextVar[list[models.Model] | None] = ContextVar("audit_shown", default=None)

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., Any])


def note_shown(instance: M) -> M:
    """Note that the response being built shows `instance` (called by its access function);
    outside a view wearing `audits_views` this does nothing."""
    shown = _shown.get()
    if shown is not None and all(
        (type(other), other.pk) != (type(instance), instance.pk) for other in shown
    ):
        shown.append(instance)
    return instance


def audits_views(record: Callable[[Any, Any], object]) -> Callable[[V], V]:
    """A decorator for a view (page or API operation) that shows records: each response that
    shows them, whatever its method or status, calls `record(actor, instance)` once for each
    record noted while it was built; a redirect or an exception (404, refused input) writes
    none."""

    def decorate(view: V) -> V:
        @functools.wraps(view)
        def audited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            token = _shown.set([])
            try:
                response = view(request, *args, **kwargs)
                shown = list(_shown.get() or [])
            finally:
                _shown.reset(token)
            if not isinstance(response, HttpResponseRedirectBase):
                for instance in shown:
                    record(request.user, instance)
            return response

        # What the view records, read by the URL walk tests (a person's view row, or another
        # kind of record's).
        audited.audits_views = record  # type: ignore[attr-defined]
        return audited  # type: ignore[return-value]

    decorate.records = record  # type: ignore[attr-defined]
    return decorate


def record_audit_persons(record: AuditRecord, persons: models.QuerySet[Any]) -> None:
    """Note every person of `persons` (an export's selection) as concerned by `record`, in one
    INSERT … SELECT the database runs by itself: a 100,000-row export adds no Python loop and no
    round trip per person (docs/benchmarks.md, "Exports in the access log")."""
    chosen = persons.order_by().annotate(concerned=models.F("pk")).values_list("concerned")
    try:
        sql, params = chosen.query.sql_with_params()
    except EmptyResultSet:  # a selection that can hold no one (e.g. `id__in=[]`) concerns no one
        return
    table = connection.ops.quote_name(AuditPerson._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in ("record_id", "person_id"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT %s, chosen.concerned FROM ({sql}) chosen",  # noqa: S608 — names from the model, values as parameters
            [record.pk, *params],
        )
