"""The audit trail as people read it: the action's label, fields by the names the forms use,
choices by their labels, the actor's name and unit, regions by name — never a code.

A page of records is read with a few queries in all (the actors, the regions, the records that
changed values point to), never one per record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ablework.core.audit_actions import ActionGroup, action_group, action_label
from ablework.core.models import AuditKind, AuditRecord, Region, RegionLevel

EMPTY = "—"


@dataclass(frozen=True)
class ReadableChange:
    field: str
    old: str
    new: str

    def __str__(self) -> str:
        return _("%(field)s：%(old)s → %(new)s") % {
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class ReadableRecord:
    """One audit record in words."""

    pk: int
    at: datetime
    action: str
    kind: str
    actor: str
    actor_unit: str
    target: str
    region: str
    changes: tuple[ReadableChange, ...]
    notes: tuple[str, ...]


def readable_records(records: Sequence[AuditRecord]) -> list[ReadableRecord]:
    """The records in words, in the given order."""
    names = _Names(records)
    return [names.read(record) for record in records]


class _Names:
    """Everything a batch of records names, looked up once for the batch."""

    def __init__(self, records: Sequence[AuditRecord]) -> None:
        self.user_model = get_user_model()
        readers = [_RecordFields(record) for record in records]
        self.readers = {record.pk: reader for record, reader in zip(records, readers, strict=True)}
        wanted: dict[type[models.Model], set[int]] = defaultdict(set)
        usernames: set[str] = set()  # older records named users by their account name
        region_codes = {record.region_code for record in records if record.region_code}
        for record, reader in zip(records, readers, strict=True):
            if record.actor_id is not None:
                wanted[self.user_model].add(record.actor_id)
            if reader.target_model is self.user_model:
                _want(wanted[self.user_model], usernames, record.target_id or record.target_label)
            region_codes |= reader.region_values()
            for model, value in reader.related_values():
                _want(wanted[model], usernames if model is self.user_model else set(), value)
        self.related = {
            model: _fetch(model, keys, user_model=self.user_model) for model, keys in wanted.items()
        }
        self.users = self.related.get(self.user_model, {})
        self.users_by_name = {
            user.get_username(): user
            for user in self.user_model._default_manager.filter(username__in=usernames)
        }
        actors = [*self.users.values(), *self.users_by_name.values()]
        region_codes |= {getattr(user, "region_id", None) or "" for user in actors} - {""}
        self.regions = region_names(region_codes)

    def read(self, record: AuditRecord) -> ReadableRecord:
        reader = self.readers[record.pk]
        actor = self.users.get(record.actor_id) if record.actor_id else None
        return ReadableRecord(
            pk=record.pk,
            at=timezone.localtime(record.at),
            action=action_label(record.action),
            kind=str(record.get_kind_display()),
            actor=str(actor) if actor is not None else _actorless(record),
            actor_unit=self.unit_of(actor) if actor is not None else "",
            target=self.target_of(record, reader),
            region=self.region_name(record.region_code),
            changes=self.changes_of(reader),
            notes=_notes(record),
        )

    def changes_of(self, reader: _RecordFields) -> tuple[ReadableChange, ...]:
        """Old → new of each field, in the order the form shows them; a field blank before and
        after (a new record's empty fields) is left out."""
        changes = []
        for key, pair in sorted(reader.changes, key=lambda item: reader.position(item[0])):
            old, new = self.value(reader, key, pair[0]), self.value(reader, key, pair[1])
            if (old, new) != (EMPTY, EMPTY):
                changes.append(ReadableChange(field=reader.label(key), old=old, new=new))
        return tuple(changes)

    def unit_of(self, user: Any) -> str:
        """Where an actor works and as what: their region's (or employer's) name and role."""
        place = ""
        if getattr(user, "region_id", None):
            place = self.region_name(user.region_id)
        elif getattr(user, "employer_id", None):
            place = str(user.employer)
        role = str(user.get_role_display()) if hasattr(user, "get_role_display") else ""
        return " · ".join(part for part in (place, role) if part)

    def region_name(self, code: str) -> str:
        return self.regions.get(code, code) if code else ""

    def target_of(self, record: AuditRecord, reader: _RecordFields) -> str:
        """The target's label; a user by their name (older records stored the account name); a
        selection (an export) by its kind and size."""
        if reader.target_model is self.user_model:
            user = self.users.get(_key(record.target_id))
            user = user or self.users_by_name.get(record.target_label)
            return str(user) if user is not None else record.target_label
        if not record.target_id and reader.target_model is not None:
            kind = str(reader.target_model._meta.verbose_name)
            return f"{kind} {record.target_label}".strip()
        return record.target_label

    def value(self, reader: _RecordFields, key: str, value: Any) -> str:
        """A stored value in words: a choice's label, a region's name, a record's label."""
        if value is None or value == "":
            return EMPTY
        if isinstance(value, bool):
            return _("是") if value else _("否")
        field = reader.field(key)
        if key in reader.region_fields:
            return self.region_name(str(value))
        if field is None:
            words = reader.group.change_values.get(key, {}) if reader.group else {}
            return str(words.get(value, value))
        if field.is_relation and field.related_model is not None:
            found = self.related.get(field.related_model, {}).get(_key(value))
            if found is None and field.related_model is self.user_model:
                found = self.users_by_name.get(str(value))
            return str(found) if found is not None else EMPTY
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.DateTimeField):
            return _moment(str(value))
        return str(value)


class _RecordFields:
    """The fields one record's changes name: the target model's, then its action group's."""

    def __init__(self, record: AuditRecord) -> None:
        self.group: ActionGroup | None = action_group(record.action)
        self.target_model = _model(record.target_type)
        names = [record.target_type, *(self.group.models if self.group else ())]
        self.models = [model for model in map(_model, dict.fromkeys(names)) if model is not None]
        self.region_fields = self.group.region_fields if self.group else frozenset()
        self.changes = _pairs(record.changes)

    def field(self, key: str) -> Any:
        for model in self.models:
            try:
                return model._meta.get_field(key)
            except FieldDoesNotExist:
                continue
        return None

    def position(self, key: str) -> tuple[int, int, str]:
        """Where a field comes in its model (the form's order); other keys after, by name."""
        for rank, model in enumerate(self.models):
            names = [field.name for field in model._meta.get_fields()]
            if key in names:
                return rank, names.index(key), key
        return len(self.models), 0, key

    def label(self, key: str) -> str:
        field = self.field(key)
        if field is not None and hasattr(field, "verbose_name"):
            return str(field.verbose_name)
        worded = self.group.change_label(key) if self.group and self.group.change_label else None
        return worded or key

    def region_values(self) -> set[str]:
        return {
            str(value)
            for key, pair in self.changes
            if key in self.region_fields
            for value in pair
            if value
        }

    def related_values(self) -> Iterable[tuple[type[models.Model], Any]]:
        for key, pair in self.changes:
            field = self.field(key)
            if field is None or not field.is_relation or field.related_model is None:
                continue
            for value in pair:
                if value not in (None, ""):
                    yield field.related_model, value


def _pairs(changes: Any) -> list[tuple[str, list[Any]]]:
    """`(field, [old, new])` of a record's changes, whatever shape an old record stored."""
    if not isinstance(changes, dict):
        return []
    pairs = []
    for key, pair in changes.items():
        if isinstance(pair, list | tuple) and len(pair) == 2:
            pairs.append((str(key), list(pair)))
    return pairs


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _key(value: Any) -> Any:
    """A stored primary key (numbers come back from JSON as int, ids of targets as text)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


def _want(keys: set[int], usernames: set[str], value: Any) -> None:
    """Note a stored reference: a primary key, or (in older records) a user's account name."""
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        keys.add(int(value))
    elif isinstance(value, str) and value:
        usernames.add(value)


def _fetch(
    model: type[models.Model], keys: set[int], *, user_model: type[models.Model]
) -> dict[Any, models.Model]:
    queryset = model._default_manager.all()
    if model is user_model:
        queryset = queryset.select_related("region", "employer")
    return dict(queryset.in_bulk(list(keys))) if keys else {}


def region_names(codes: set[str]) -> dict[str, str]:
    """Each region's name, below the city level with its parent's (两个“市中区” differ)."""
    regions = Region.objects.filter(code__in=codes).select_related("parent")
    names: dict[str, str] = {}
    for region in regions:
        parent = region.parent
        within = parent is not None and region.level not in (RegionLevel.PROVINCE, RegionLevel.CITY)
        names[region.code] = f"{parent.name}{region.name}" if within and parent else region.name
    return names


def _moment(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d %H:%M}"


def _actorless(record: AuditRecord) -> str:
    # A sign-in without an actor is someone who has not (yet) signed in, not the system.
    return _("未登录的访客") if record.kind == AuditKind.SIGN_IN else _("系统")


def _notes(record: AuditRecord) -> tuple[str, ...]:
    """What the detail adds that people need: how many rows, masked or not, the reason."""
    detail = record.detail if isinstance(record.detail, dict) else {}
    notes: list[str] = []
    rows = detail.get("rows")
    if isinstance(rows, int):
        notes.append(ngettext("%(rows)s 行", "%(rows)s 行", rows) % {"rows": rows})
    if detail.get("masked") is True:
        notes.append(_("证件号码已遮蔽"))
    elif detail.get("masked") is False:
        notes.append(_("含完整证件号码"))
    file_name = detail.get("file_name") or detail.get("file")
    if file_name and file_name != record.target_label:
        notes.append(_("文件：%(name)s") % {"name": file_name})
    if detail.get("reason"):
        notes.append(_("原因：%(text)s") % {"text": detail["reason"]})
    if detail.get("note"):
        notes.append(_("说明：%(text)s") % {"text": detail["note"]})
    if detail.get("address"):
        notes.append(_("来自地址：%(address)s") % {"address": detail["address"]})
    if detail.get("locked_out") is True:
        notes.append(_("已因多次失败暂停登录"))
    return tuple(notes)
