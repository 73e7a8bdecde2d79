"""Bulk certification of a county's low-risk declarations (issue 11): a preview listing what
will be certified with the count, then the confirmation through the one certify service; what
changed since the preview is skipped and reported; sampled and medium-risk declarations are
never included; another county's declarations cannot be slipped in."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.urls import reverse

from ablework.core.models import AuditRecord
from ablework.quota.models import Declaration, DeclarationEvent
from ablework.quota.services.bulk import certify_low_risk
from ablework.quota.services.review import return_declaration
from ablework.quota.services.risk import refresh_scores
from ablework.quota.services.sample import draw_sample
from tests.accounts.factories import CityAdminFactory, CountyAdminFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.risk_rosters import entry, numbers, stored

pytestmark = pytest.mark.django_db

BULK = reverse("quota:bulk_certify")
_ROSTERS = itertools.count(10)


def _declaration(name: str, *, risky: bool = False, county: str = "370811") -> Declaration:
    prefix = f"37081116{next(_ROSTERS):02d}"
    wage, start = ("1900.00", date(2022, 12, 1)) if risky else ("2600.00", date(2020, 3, 1))
    entries = [entry(n, wage=wage, start=start) for n in numbers(2, prefix=prefix)]
    row = stored(EmployerFactory(name=name, county_code=county), entries)
    refresh_scores([row.pk])
    return row


def _preview(client, county: str = "370811") -> tuple[str, str]:
    page = client.get(BULK, {"county": county}).content.decode()
    if 'name="items"' not in page:
        return page, ""
    start = page.index('name="items" value="') + len('name="items" value="')
    return page, page[start : page.index('"', start)]


def test_the_preview_lists_the_low_risk_declarations_of_the_county_with_the_count() -> None:
    _declaration("平安甲厂")
    _declaration("平安乙厂")
    _declaration("可疑厂", risky=True)
    _declaration("微山厂", county="370826")
    page, _items = _preview(signed_in(CityAdminFactory()))
    assert "任城区：将审核确认 2 份申报" in page
    assert "平安甲厂" in page
    assert "平安乙厂" in page
    assert "可疑厂" not in page
    assert "微山厂" not in page
    assert "确认审核确认这 2 份申报" in page


def test_confirming_certifies_each_through_the_certify_service() -> None:
    rows = [_declaration("平安甲厂"), _declaration("平安乙厂")]
    client = signed_in(CountyAdminFactory())
    _page, items = _preview(client)
    response = client.post(BULK, {"county": "370811", "items": items}, follow=True)
    assert "已审核确认 2 份低风险申报" in response.content.decode()
    for row in rows:
        assert Declaration.objects.get(pk=row.pk).status == "certified"
    assert AuditRecord.objects.filter(action="quota.declaration.certify").count() == 2
    assert AuditRecord.objects.filter(action="quota.declaration.bulk_certify").count() == 1


def test_what_changed_since_the_preview_is_skipped_and_reported() -> None:
    changed = _declaration("变动厂")
    kept = _declaration("平安厂")
    client = signed_in(CountyAdminFactory())
    _page, items = _preview(client)
    # after the preview another reviewer returns one declaration
    return_declaration(
        actor=CountyAdminFactory(), declaration_id=changed.pk, version=changed.version, reason="补"
    )
    page = client.post(BULK, {"county": "370811", "items": items}, follow=True).content.decode()
    assert "已审核确认 1 份低风险申报" in page
    assert "以下 1 份申报在预览后有变动，已跳过：变动厂（预览后申报有变动）" in page
    assert Declaration.objects.get(pk=changed.pk).status == "returned"
    assert Declaration.objects.get(pk=kept.pk).status == "certified"


def test_a_declaration_rescored_higher_since_the_preview_is_skipped() -> None:
    row = _declaration("平安厂")
    items = [(row.pk, row.version)]
    # its roster now raises signals (a new score, the same version)
    Declaration.objects.get(pk=row.pk).risk.__class__.objects.filter(declaration=row).update(
        level="high", score=40
    )
    outcome = certify_low_risk(actor=CountyAdminFactory(), county="370811", items=items)
    assert outcome.certified == []
    assert outcome.skipped == [("平安厂", "预览后风险评分有变化")]


def test_sampled_declarations_are_left_out_and_another_countys_cannot_be_slipped_in() -> None:
    sampled = _declaration("抽查厂")
    other = _declaration("微山厂", county="370826")
    # a low-risk declaration is drawn only when nothing scores higher; make it a candidate
    Declaration.objects.get(pk=sampled.pk).risk.__class__.objects.filter(
        declaration=sampled
    ).update(score=5)
    draw_sample(actor=CountyAdminFactory(), county="370811")
    page, items = _preview(signed_in(CountyAdminFactory()))
    assert "抽查厂" not in page
    assert "没有可以批量审核确认的低风险申报" in page
    assert items == ""
    outcome = certify_low_risk(
        actor=CountyAdminFactory(), county="370811", items=[(other.pk, other.version)]
    )
    assert outcome.certified == []
    assert len(outcome.skipped) == 1
    assert Declaration.objects.get(pk=other.pk).status == "submitted"
    assert DeclarationEvent.objects.filter(transition="certify").count() == 0
