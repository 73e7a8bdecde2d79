"""Employment difficulty (就业困难认定): a counsellor receives an application naming the criteria
of the person's place with its proofs, another member of staff recognises it (the registry flag
and the queue's filter follow) or refuses it with the reasons; a recognition is revoked or
expires in the daily refresh (the system as actor), its flag ending in step; another county's
staff get 404 everywhere; two decisions at once: the second is refused with 409; a bad file
refuses the whole application, nothing kept."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from ablework.core.models import AuditPerson, AuditRecord
from ablework.registry.models import FlagKind, Person, PersonFlag
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import CycleCase, DifficultyApplication, DifficultyState
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BODILY = "因身体状况难以实现就业"
UNEMPLOYED = "连续失业一定时间仍未能实现就业"


def _set_today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    real = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> date:
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def _apply(client: Any, person: Person, **fields: Any) -> Any:
    data = {
        "criteria": [BODILY, UNEMPLOYED],
        "circumstances": "腰椎损伤，无法久站，求职八个月未成功。",
        "applied_on": timezone.localdate().isoformat(),
        "proof_1_description": "残疾人证",
        "proof_1_file": SimpleUploadedFile("残疾人证.pdf", PDF, "application/pdf"),
        **fields,
    }
    return client.post(f"/support/persons/{person.pk}/difficulty/apply/", data)


def _decide(client: Any, application: DifficultyApplication, which: str, **fields: Any) -> Any:
    data = {"form": which, f"{which}-version": str(application.version)}
    data |= {f"{which}-{key}": value for key, value in fields.items()}
    return client.post(f"/support/difficulty/{application.pk}/decide/", data, follow=True)


def _recognise(client: Any, application: DifficultyApplication, start: date, end: date) -> Any:
    return _decide(
        client,
        application,
        "recognise",
        valid_from=start.isoformat(),
        valid_until=end.isoformat(),
        reasons="持有效残疾人证，符合认定情形。",
    )


def _open_flags(person: Person) -> list[PersonFlag]:
    return list(
        PersonFlag.objects.filter(
            person=person, kind=FlagKind.EMPLOYMENT_DIFFICULTY, ended_on__isnull=True
        )
    )


def _stored_proofs() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "support" / "difficulty"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def person(guhuai_person: Person) -> Person:
    """A person of 任城区 not flagged 就业困难人员."""
    PersonFlag.objects.filter(person=guhuai_person).delete()
    return guhuai_person


@pytest.fixture
def applied(demo_data, person) -> Callable[[], DifficultyApplication]:
    def make() -> DifficultyApplication:
        response = _apply(signed_in(demo_data["rencheng_counsellor"]), person)
        assert response.status_code == 302, response.content.decode()
        return DifficultyApplication.objects.get(person=person, state=DifficultyState.PENDING)

    return make


def test_an_application_with_its_proof_is_recognised_and_the_flag_and_queue_follow(
    demo_data, person
):
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    form = counsellor.get(f"/support/persons/{person.pk}/difficulty/apply/").content.decode()
    assert BODILY in form
    assert "《中华人民共和国就业促进法》" in form
    assert "第五十二条" in form
    response = _apply(counsellor, person)
    application = DifficultyApplication.objects.get(person=person)
    page = counsellor.get(response["Location"]).content.decode()
    assert "待认定" in page
    assert BODILY in page
    assert "腰椎损伤" in page
    proof = application.proofs.get()
    download = counsellor.get(f"/support/difficulty/{application.pk}/proofs/{proof.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "no-store" in download["Cache-Control"]
    assert _open_flags(person) == []

    admin = signed_in(demo_data["rencheng_admin"])
    today = timezone.localdate()
    start, end = today - timedelta(days=3), today + timedelta(days=364)
    done = _recognise(admin, application, start, end).content.decode()
    assert "已认定为就业困难人员" in done
    assert f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}" in done
    [flag] = _open_flags(person)
    assert flag.started_on == start
    assert flag.source == "就业困难认定"
    registry = admin.get(f"/persons/{person.pk}/").content.decode()
    assert "就业困难人员" in registry
    assert f"{start:%Y-%m-%d}" in registry
    assert CycleCase.objects.get(person=person).difficulty
    services = counsellor.get(f"/support/persons/{person.pk}/").content.decode()
    assert f"有效期至 {end:%Y-%m-%d}" in services
    # the list shows them as valid, and the audit names each step
    listing = counsellor.get("/support/difficulty/?validity=valid").content.decode()
    assert person.name in listing
    actions = set(AuditRecord.objects.values_list("action", flat=True))
    assert {DifficultyAction.APPLY, DifficultyAction.RECOGNISE, DifficultyAction.PROOF_VIEW} <= {
        str(action) for action in actions
    }


def test_the_one_who_received_it_cannot_decide_and_a_counsellor_may_not(demo_data, person):
    admin = signed_in(demo_data["rencheng_admin"])
    _apply(admin, person)
    application = DifficultyApplication.objects.get(person=person)
    page = admin.get(f"/support/difficulty/{application.pk}/decide/").content.decode()
    assert "这份申请由您受理，须由另一名工作人员认定。" in page
    today = timezone.localdate()
    refused = _recognise(admin, application, today, today + timedelta(days=30))
    assert "这份申请由您受理，须由另一名工作人员认定。" in refused.content.decode()
    application.refresh_from_db()
    assert application.state == DifficultyState.PENDING
    assert _open_flags(person) == []
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    assert counsellor.get(f"/support/difficulty/{application.pk}/decide/").status_code == 404
    assert (
        "作出认定" not in counsellor.get(f"/support/difficulty/{application.pk}/").content.decode()
    )


def test_a_refusal_needs_its_reasons_and_opens_no_flag(demo_data, person, applied):
    application = applied()
    admin = signed_in(demo_data["rencheng_admin"])
    empty = _decide(admin, application, "refuse", reasons="  ")
    assert "这个字段是必填项" in empty.content.decode()
    application.refresh_from_db()
    assert application.state == DifficultyState.PENDING
    reason = "已在本地企业就业，不属于未就业人员。"
    page = _decide(admin, application, "refuse", reasons=reason).content.decode()
    assert "已作出不予认定的决定" in page
    assert reason in page
    assert "不予认定的理由" in page
    assert _open_flags(person) == []
    assert not CycleCase.objects.get(person=person).difficulty
    # a new application may be made after a refusal, not while one is pending
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    assert _apply(counsellor, person).status_code == 302
    again = _apply(counsellor, person).content.decode()
    assert "该残疾人已有一份待认定的申请" in again


def test_a_revoked_recognition_ends_its_flag_and_leaves_the_queue_filter(
    demo_data, person, applied
):
    application = applied()
    admin = signed_in(demo_data["rencheng_admin"])
    today = timezone.localdate()
    _recognise(admin, application, today - timedelta(days=30), today + timedelta(days=300))
    application.refresh_from_db()
    page = _decide(
        admin, application, "revoke", on=(today - timedelta(days=1)).isoformat(), reason="已就业"
    ).content.decode()
    assert "已撤销认定" in page
    assert "已就业" in page
    flag = PersonFlag.objects.get(person=person, kind=FlagKind.EMPLOYMENT_DIFFICULTY)
    assert flag.ended_on == today - timedelta(days=1)
    assert not CycleCase.objects.get(person=person).difficulty
    application.refresh_from_db()
    assert application.state == DifficultyState.REVOKED


def test_a_recognition_expires_in_the_daily_refresh_with_its_flag(
    demo_data, person, applied, monkeypatch
):
    application = applied()
    today = timezone.localdate()
    end = today + timedelta(days=5)
    _recognise(signed_in(demo_data["rencheng_admin"]), application, today, end)
    assert CycleCase.objects.get(person=person).difficulty

    later = end + timedelta(days=1)
    _set_today(monkeypatch, later)
    out = io.StringIO()
    call_command("support", "refresh", "--region", "370811", "--on", later.isoformat(), stdout=out)
    assert "1 人的就业困难人员认定有效期届满，已结束" in out.getvalue()
    application.refresh_from_db()
    assert application.state == DifficultyState.EXPIRED
    assert application.ended_on == end
    flag = PersonFlag.objects.get(person=person, kind=FlagKind.EMPLOYMENT_DIFFICULTY)
    assert flag.ended_on == end
    assert not CycleCase.objects.get(person=person, year=later.year).difficulty
    expired = AuditRecord.objects.get(action=DifficultyAction.EXPIRE)
    assert expired.actor_id is None
    assert expired.actor_label == "system"
    listing = signed_in(demo_data["rencheng_counsellor"]).get(
        "/support/difficulty/?validity=expired"
    )
    assert person.name in listing.content.decode()


def test_another_countys_counsellor_gets_404_on_every_page_and_the_api(demo_data, person, applied):
    application = applied()
    proof = application.proofs.get()
    outsider = signed_in(demo_data["weishan_counsellor"])
    for url in (
        f"/support/persons/{person.pk}/difficulty/apply/",
        f"/support/difficulty/{application.pk}/",
        f"/support/difficulty/{application.pk}/decide/",
        f"/support/difficulty/{application.pk}/proofs/{proof.pk}/",
        f"/api/v1/support/persons/{person.pk}/difficulty",
    ):
        assert outsider.get(url).status_code == 404, url
    assert _apply(outsider, person).status_code == 404
    assert person.name not in outsider.get("/support/difficulty/").content.decode()
    assert DifficultyApplication.objects.filter(person=person).count() == 1
    # in scope, the API answers with the application
    api = signed_in(demo_data["rencheng_counsellor"]).get(
        f"/api/v1/support/persons/{person.pk}/difficulty"
    )
    assert api.status_code == 200
    assert api.json()["applications"][0]["state"] == "pending"
    assert api.json()["applications"][0]["criteria"] == [BODILY, UNEMPLOYED]


def test_two_decisions_at_once_the_second_is_refused_with_409(demo_data, person, applied):
    application = applied()
    stale = DifficultyApplication.objects.get(pk=application.pk)
    today = timezone.localdate()
    _recognise(
        signed_in(demo_data["rencheng_admin"]), application, today, today + timedelta(days=90)
    )
    city = signed_in(demo_data["jining_admin"])
    response = city.post(
        f"/support/difficulty/{stale.pk}/decide/",
        {"form": "refuse", "refuse-version": str(stale.version), "refuse-reasons": "材料不全"},
    )
    assert response.status_code == 409
    assert "此记录已被他人修改" in response.content.decode()
    assert "认定为就业困难人员" in response.content.decode()  # what the other did
    application.refresh_from_db()
    assert application.state == DifficultyState.RECOGNISED
    assert application.reasons != "材料不全"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("证明.docx", b"PK\x03\x04", "只能上传 PDF、JPG 或 PNG 文件"),
        ("证明.pdf", b"MZ\x90\x00", "内容与文件类型不符"),
        ("证明.pdf", b"", "是空文件"),
    ],
)
def test_a_bad_proof_refuses_the_application_and_keeps_nothing(
    demo_data, person, name, content, message
):
    before = _stored_proofs()
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    response = _apply(
        counsellor,
        person,
        proof_2_description="失业登记证明",
        proof_2_file=SimpleUploadedFile(name, content),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 2 份材料" in page
    assert message in page
    assert not DifficultyApplication.objects.filter(person=person).exists()
    assert _stored_proofs() == before


def test_criteria_outside_the_list_and_a_missing_choice_are_refused(demo_data, person):
    counsellor = signed_in(demo_data["rencheng_counsellor"])
    page = _apply(counsellor, person, criteria=[]).content.decode()
    assert "本人符合的认定情形" in page
    assert "这个字段是必填项" in page
    page = _apply(counsellor, person, criteria=["年满四十周岁"]).content.decode()
    assert "年满四十周岁" in page  # named back to the user as not one of the choices
    assert not DifficultyApplication.objects.filter(person=person).exists()


def test_the_demo_lists_valid_expiring_and_pending_and_the_export_is_audited(
    demo_difficulty, demo_data
):
    admin = signed_in(demo_data["rencheng_admin"])
    expiring = demo_difficulty["expiring"].person
    valid = demo_difficulty["recognised"].person
    soon = admin.get("/support/difficulty/?validity=expiring").content.decode()
    assert expiring.name in soon
    assert valid.name not in soon
    assert "即将到期" in soon
    home = admin.get("/").content.decode()
    assert "待认定的就业困难申请" in home
    pending = admin.get("/support/difficulty/pending/").content.decode()
    assert demo_difficulty["pending"].person.name in pending
    refused = admin.get(f"/support/difficulty/{demo_difficulty['refused'].pk}/").content.decode()
    assert "不予认定的理由" in refused
    assert "不属于未就业人员" in refused

    response = admin.post("/support/difficulty/export.xlsx", {"validity": "valid"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("姓名", "公民身份号码")
    names = {row[0] for row in rows[1:]}
    assert {valid.name, expiring.name} <= names
    assert all("*" in row[1] for row in rows[1:])  # IDs masked
    export = AuditRecord.objects.get(action=DifficultyAction.EXPORT)
    concerned = set(AuditPerson.objects.filter(record=export).values_list("person_id", flat=True))
    assert {valid.pk, expiring.pk} <= concerned
    assert demo_difficulty["pending"].person.pk not in concerned  # not on the list exported
