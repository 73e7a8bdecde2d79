"""The demo's employment difficulty (就业困难认定), in 任城区: applications received by
`rencheng_counsellor` with a scanned proof, decided by `rencheng_admin` (maker-checker):

- one recognised for a year — the registry person page shows the flag 就业困难人员, and the
  queue's 就业困难人员 filter finds them;
- one recognised whose validity ends in ten days (listed as 即将到期);
- one refused, with the reason;
- one pending, on `rencheng_admin`'s home card and the list of applications awaiting a decision.

Everything goes through the services (support/services/difficulty.py).
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ablework.accounts.models import User
from ablework.registry.models import FlagKind, Person
from ablework.support.models import DifficultyApplication
from ablework.support.selectors.difficulty import criteria_for
from ablework.support.services.difficulty import ProofUpload, apply, recognise, refuse

RENCHENG = "370811"
# A one-page PDF standing in for a scanned certificate.
SCAN = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _proof(description: str, name: str) -> ProofUpload:
    return ProofUpload(description=description, name=name, size=len(SCAN), content=io.BytesIO(SCAN))


def _persons(accounts: dict[str, User], count: int) -> list[Person]:
    """Persons of 任城区 no demo account is, none flagged 就业困难人员 yet, from the end of
    the list (the other demos take theirs from the start)."""
    taken = {u.person_id for u in accounts.values() if u.person_id is not None}
    taken |= set(accounts["family_user"].proxy_consents.values_list("person_id", flat=True))
    flagged = Person.objects.filter(
        flags__kind=FlagKind.EMPLOYMENT_DIFFICULTY, flags__ended_on__isnull=True
    )
    rows = (
        Person.objects.filter(county_code=RENCHENG, merged_into__isnull=True)
        .exclude(pk__in=taken)
        .exclude(pk__in=flagged.values("pk"))
        .order_by("-pk")
    )
    found = list(rows[:count])
    assert len(found) == count, "the demo needs four persons of 任城区"
    return found


def seed_difficulty_demo(accounts: dict[str, User]) -> dict[str, DifficultyApplication]:
    """Make the demo's applications (see the module's docstring); returns them by state."""
    counsellor, admin = accounts["rencheng_counsellor"], accounts["rencheng_admin"]
    today = timezone.localdate()
    recognised, expiring, refused, pending = _persons(accounts, 4)
    choices = criteria_for(recognised, today).choices
    made: dict[str, DifficultyApplication] = {}
    with transaction.atomic():

        def received(person: Person, days_ago: int, criteria: list[str], text: str) -> int:
            application = apply(
                actor=counsellor,
                person_id=person.pk,
                criteria=criteria,
                circumstances=text,
                applied_on=today - timedelta(days=days_ago),
                proofs=[
                    _proof("残疾人证", "残疾人证.pdf"),
                    _proof("失业登记证明", "失业登记证明.pdf"),
                ],
            )
            return application.pk

        first = received(recognised, 20, [choices[0]], "肢体残疾，求职半年未成功。")
        made["recognised"] = recognise(
            actor=admin,
            application_id=first,
            seen_version=1,
            valid_from=today - timedelta(days=14),
            valid_until=today - timedelta(days=14) + timedelta(days=365),
            reasons="持有效残疾人证，已办理失业登记，符合认定情形。",
        )
        second = received(expiring, 400, [choices[0], choices[4]], "连续失业一年以上。")
        made["expiring"] = recognise(
            actor=admin,
            application_id=second,
            seen_version=1,
            valid_from=today - timedelta(days=355),
            valid_until=today + timedelta(days=10),
        )
        third = received(refused, 12, [choices[1]], "")
        made["refused"] = refuse(
            actor=admin,
            application_id=third,
            seen_version=1,
            reasons="已在本地一家企业就业（社会保险缴费记录可查），不属于未就业人员；"
            "如再次失业，可重新申请。",
        )
        fourth = received(pending, 2, [choices[0], choices[2]], "家中有需要照顾的老人。")
        made["pending"] = DifficultyApplication.objects.get(pk=fourth)
    return made
