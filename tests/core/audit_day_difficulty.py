"""The employment-difficulty part of the audit day (tests/core/audit_day.py): applications
received with a proof, the proof viewed, one recognised and revoked, one refused, one expired
in the daily refresh (the system), and the list exported."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.services.difficulty import (
    ProofUpload,
    apply,
    expire_recognitions,
    open_proof,
    recognise,
    refuse,
    revoke,
)
from tests.helpers import signed_in

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BODILY = "因身体状况难以实现就业"


def difficulty_day(*, counsellor: User, admin: User, own: Person) -> None:
    """Every action of employment difficulty, once."""
    today = timezone.localdate()
    persons = list(
        Person.objects.filter(county_code=own.county_code, merged_into__isnull=True)
        .exclude(pk=own.pk)
        .order_by("-pk")[:3]
    )
    received = []
    for person in persons:
        proof = ProofUpload(
            description="残疾人证", name="残疾人证.pdf", size=len(PDF), content=io.BytesIO(PDF)
        )
        received.append(
            apply(
                actor=counsellor,
                person_id=person.pk,
                criteria=[BODILY],
                circumstances="求职半年未成功",
                applied_on=today,
                proofs=[proof],
            )
        )
    first, second, third = received
    open_proof(actor=admin, application_id=first.pk, proof_id=first.proofs.get().pk)
    recognise(
        actor=admin,
        application_id=first.pk,
        seen_version=first.version,
        valid_from=today,
        valid_until=today + timedelta(days=300),
        reasons="符合认定情形",
    )
    revoke(
        actor=admin,
        application_id=first.pk,
        seen_version=first.version + 1,
        on=today,
        reason="已就业",
    )
    refuse(actor=admin, application_id=second.pk, seen_version=second.version, reasons="已就业")
    recognise(
        actor=admin,
        application_id=third.pk,
        seen_version=third.version,
        valid_from=today,
        valid_until=today,
    )
    # the next day's refresh ends the recognition whose validity ended today
    with mock.patch("django.utils.timezone.localdate", return_value=today + timedelta(days=1)):
        expire_recognitions(region_code=own.county_code)
    signed_in(admin).post("/support/difficulty/export.xlsx", {"validity": ""})
