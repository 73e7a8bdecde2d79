"""The risk-drawn sample (issue 11): a draw takes the highest scores first (not at random), marks
the declarations and tells their employers; the employer and staff upload proofs (contract,
wage slips, social-insurance records) per line or for the whole declaration, with clear
refusals for a wrong type or size; the files are private (404 for another county or employer,
each viewing audited); the reviewer records the deeper check's outcome."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ablework.core.models import AuditRecord, Notification
from ablework.quota.models import Declaration, DeepCheck, Proof
from ablework.quota.risk import parameters as p
from ablework.quota.services.risk import refresh_scores
from ablework.quota.services.sample import draw_sample
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.helpers import signed_in
from tests.quota.risk_rosters import entry, numbers, stored

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
_ROSTERS = itertools.count(10)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _declaration(name: str, *, signals: int, county: str = "370811") -> Declaration:
    """0: no signal; 1: everyone on the minimum wage (15); 2: and December hires (25)."""
    wage = "1900.00" if signals else "2600.00"
    start = date(2022, 12, 1) if signals > 1 else date(2020, 3, 1)
    prefix = f"37081117{next(_ROSTERS):02d}"
    entries = [entry(n, wage=wage, start=start, name="王一") for n in numbers(3, prefix=prefix)]
    return stored(EmployerFactory(name=name, county_code=county), entries)


def _scored(*rows: Declaration) -> None:
    refresh_scores([row.pk for row in rows])


def test_a_draw_takes_the_highest_scores_first_and_never_one_without_signals(monkeypatch) -> None:
    monkeypatch.setattr(p, "SAMPLE_SIZE", 2)
    rows = [
        _declaration("无信号厂", signals=0),
        _declaration("一号厂", signals=1),
        _declaration("二号厂", signals=2),
        _declaration("三号厂", signals=2),
    ]
    _scored(*rows)
    EmployerUserFactory(employer=rows[2].employer)
    drawn = draw_sample(actor=CountyAdminFactory())
    assert [row.employer.name for row in drawn] == ["二号厂", "三号厂"]
    assert Notification.objects.filter(text__contains="抽中核查").count() == 1
    # the next draw takes the next highest, and never the one with no signal
    again = draw_sample(actor=CountyAdminFactory())
    assert [row.employer.name for row in again] == ["一号厂"]
    assert draw_sample(actor=CountyAdminFactory()) == []
    assert DeepCheck.objects.count() == 3
    assert AuditRecord.objects.filter(action="quota.sample.draw").count() == 3


def test_the_draw_page_previews_then_draws_and_the_queue_marks_the_sampled() -> None:
    row = _declaration("可疑厂", signals=2)
    _scored(row)
    client = signed_in(CountyAdminFactory())
    page = client.get(reverse("quota:sample")).content.decode()
    assert "现在抽取将抽中的申报" in page
    assert "可疑厂" in page
    response = client.post(reverse("quota:sample"), {"county": "370811"}, follow=True)
    assert "已按风险分抽取 1 份申报" in response.content.decode()
    assert "已抽查" in client.get(reverse("quota:review")).content.decode()


def _sampled(name: str = "可疑厂", county: str = "370811") -> Declaration:
    row = _declaration(name, signals=2, county=county)
    _scored(row)
    staff = CountyAdminFactory(region_id=county)
    draw_sample(actor=staff, county=county)
    return row


def _upload(
    client, row: Declaration, content: bytes, name: str, *, line: str = "", kind="contract"
):
    return client.post(
        reverse("quota:proof_upload", args=[row.pk]),
        {
            "proof-kind": kind,
            "proof-line": line,
            "proof-file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_the_employer_uploads_a_proof_for_a_line_and_staff_download_it_audited() -> None:
    row = _sampled()
    employer = signed_in(EmployerUserFactory(employer=row.employer))
    page = employer.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "抽查核查" in page
    assert "上传核查材料" in page
    response = _upload(employer, row, PDF, "劳动合同.pdf", line="1")
    assert response.status_code == 302
    proof = Proof.objects.get()
    assert (proof.line, proof.kind, proof.original_name) == (1, "contract", "劳动合同.pdf")
    staff = signed_in(CountyAdminFactory())
    page = staff.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "第 2 行（王一）" in page
    download = staff.get(reverse("quota:proof", args=[row.pk, proof.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "no-store" in download["Cache-Control"]
    assert "attachment" in download["Content-Disposition"]
    assert AuditRecord.objects.filter(action="quota.proof.view").count() == 1
    assert AuditRecord.objects.filter(action="quota.proof.upload").count() == 1


def test_a_whole_declaration_proof_of_wage_slips() -> None:
    row = _sampled()
    staff = signed_in(CountyAdminFactory())
    assert (
        _upload(
            staff, row, b"\x89PNG\r\n\x1a\n" + b"0" * 50, "工资表.png", kind="wage_slips"
        ).status_code
        == 302
    )
    assert Proof.objects.get().line is None
    page = staff.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "整份申报" in page
    assert "工资发放记录" in page


def test_a_wrong_type_a_renamed_file_and_a_large_file_are_refused_in_plain_words(
    monkeypatch,
) -> None:
    row = _sampled()
    client = signed_in(EmployerUserFactory(employer=row.employer))
    page = _upload(client, row, b"PK\x03\x04", "合同.docx").content.decode()
    assert "只能上传 PDF、JPG 或 PNG 文件" in page
    page = _upload(client, row, b"MZ\x90\x00", "合同.pdf").content.decode()
    assert "内容与文件类型不符" in page
    monkeypatch.setattr(p, "PROOF_MAX_BYTES", 20)
    page = _upload(client, row, PDF, "合同.pdf").content.decode()
    assert "文件太大：每个文件最多 20\xa0字节" in page
    assert Proof.objects.count() == 0


def test_another_county_or_employer_gets_404_for_the_proofs_and_the_upload() -> None:
    row = _sampled()
    proof_client = signed_in(EmployerUserFactory(employer=row.employer))
    _upload(proof_client, row, PDF, "合同.pdf")
    proof = Proof.objects.get()
    for outsider in (CountyAdminFactory(region_id="370826"), EmployerUserFactory()):
        client = signed_in(outsider)
        assert client.get(reverse("quota:proof", args=[row.pk, proof.pk])).status_code == 404
        assert _upload(client, row, PDF, "合同.pdf").status_code == 404
    assert Proof.objects.count() == 1


def test_a_declaration_not_sampled_takes_no_proof() -> None:
    row = _declaration("平安厂", signals=0)
    client = signed_in(EmployerUserFactory(employer=row.employer))
    assert _upload(client, row, PDF, "合同.pdf").status_code == 409
    assert (
        "抽查核查" not in client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    )


def test_the_reviewer_records_the_outcome_and_problems_need_a_note() -> None:
    row = _sampled()
    staff = signed_in(CountyAdminFactory())
    url = reverse("quota:deep_check", args=[row.pk])
    refused = staff.post(url, {"outcome-version": "1", "outcome-outcome": "problems"})
    assert "发现问题时请写明发现了什么问题" in refused.content.decode()
    done = staff.post(
        url,
        {"outcome-version": "1", "outcome-outcome": "problems", "outcome-note": "工资表系补做"},
    )
    assert done.status_code == 302
    check = DeepCheck.objects.get()
    assert (check.outcome, check.outcome_note) == ("problems", "工资表系补做")
    page = staff.get(reverse("quota:declaration", args=[row.pk])).content.decode()
    assert "核查结论：发现问题" in page
    # a page opened before that is refused with what changed
    stale = staff.post(url, {"outcome-version": "1", "outcome-outcome": "confirmed"})
    assert stale.status_code == 409
    # the employer may not record an outcome
    employer = signed_in(EmployerUserFactory(employer=row.employer))
    assert employer.get(url).status_code == 404
