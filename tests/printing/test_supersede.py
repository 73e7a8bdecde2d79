"""A document issued again on the same subject supersedes the standing ones: their verification
page says 已被取代 and names the new code; a withdrawn one stays withdrawn; it is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.printing.services import withdraw_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def issuer(db) -> User:
    return User.objects.create_user(
        username="rencheng_issuer", role="county_admin", region_id="370811"
    )


def test_a_new_document_supersedes_the_standing_ones_of_its_subject(issue, issuer):
    first = issue(issuer, paragraphs=1, subject="test.case:1").document
    withdrawn = issue(issuer, paragraphs=1, subject="test.case:1").document
    withdraw_document(actor=issuer, document=withdrawn, reason="错印")
    other = issue(issuer, paragraphs=1, subject="test.case:2").document
    # when a corrected document is issued on another subject, superseding case 1
    new = issue(issuer, paragraphs=1, subject="test.case:3", supersedes=("test.case:1",)).document
    first.refresh_from_db()
    withdrawn.refresh_from_db()
    other.refresh_from_db()
    assert first.superseded_by == new
    assert not withdrawn.is_superseded  # withdrawn stays withdrawn
    assert not other.is_superseded
    assert new.stands
    page = Client().get(f"/verify/{first.display_code}/").content.decode()
    assert "已被取代" in page
    assert new.display_code in page
    assert "本文件不再有效" in page
    assert "已被取代" not in Client().get(f"/verify/{new.display_code}/").content.decode()
    audit = AuditRecord.objects.get(action="printing.document.supersede")
    assert audit.changes == {"status": ["valid", "superseded"]}
    assert audit.detail["superseded_by"] == new.display_code
