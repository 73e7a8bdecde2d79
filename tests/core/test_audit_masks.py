"""The audit trail masks as the pages and exports do: no two views show complementary parts."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.registry.services import PersonChanges, update_person
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

OLD_PHONE, NEW_PHONE = "18112342910", "13955556666"
OLD_ADDRESS, NEW_ADDRESS = "人民路196号9单元", "建设路100号3单元502室"


def visible(shown: str, clear: str) -> set[int]:
    """The positions of `clear` a masked form reveals: what it keeps at the start and the end."""
    if not shown:
        return set()
    kept = re.split(r"[*…]+", shown)
    start, end = kept[0], kept[-1] if len(kept) > 1 else ""
    positions = {i for i in range(len(start)) if clear[i : i + 1] == start[i]}
    offset = len(clear) - len(end)
    return positions | {offset + i for i in range(len(end)) if clear[offset + i] == end[i]}


def _shown(text: str, clear: str) -> list[str]:
    """Every masked form of `clear` in a text: its visible start, stars or an ellipsis, its end."""
    pattern = rf"{re.escape(clear[:2])}[^\s<>\"]*?[*…]+[^\s<>\"'，,）)\]}}]*"
    return [m for m in re.findall(pattern, text) if visible(m, clear)]


def test_audit_page_and_export_together_reveal_no_more_of_a_phone_or_address_than_one(
    demo_data,
):
    # given a person whose phone and address were changed
    person = Person.objects.filter(county_code="370811").first()
    update_person(
        actor=demo_data["rencheng_counsellor"],
        person=person,
        changes=PersonChanges(phone=OLD_PHONE, address=OLD_ADDRESS),
    )
    auditor = signed_in(demo_data["jining_auditor"])
    before = auditor.get(f"/persons/{person.pk}/").content.decode()
    update_person(
        actor=demo_data["rencheng_counsellor"],
        person=person,
        changes=PersonChanges(phone=NEW_PHONE, address=NEW_ADDRESS),
    )
    after = auditor.get(f"/persons/{person.pk}/").content.decode()
    audit = auditor.get("/audit/", {"action": "registry.person.update"}).content.decode()
    response = auditor.post("/persons/export.csv", {"format": "xlsx", "region": "370811"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    export = "\n".join(str(cell) for row in sheet.values for cell in row if cell)
    stored = [str(r.changes) for r in AuditRecord.objects.filter(target_id=str(person.pk))]
    for clear, page in (
        (OLD_PHONE, before),
        (OLD_ADDRESS, before),
        (NEW_PHONE, after),
        (NEW_ADDRESS, after),
    ):
        views = {
            "page": _shown(page, clear),
            "audit page": _shown(audit, clear),
            "audit rows": _shown("\n".join(stored), clear),
            "export": _shown(export, clear) if page is after else [],
        }
        assert views["page"], clear
        assert views["audit page"], clear
        # then each view shows the one same masked form, so together they show no more
        together = set().union(*(visible(s, clear) for shown in views.values() for s in shown))
        alone = max(len(visible(s, clear)) for shown in views.values() for s in shown)
        assert len(together) == alone, (clear, views)
        assert clear not in audit
        assert clear not in "".join(stored)
