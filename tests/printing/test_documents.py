"""An official document prints in Chinese with its issuer, date, page numbers, code and QR code."""

from __future__ import annotations

import logging
import re
import socket
import subprocess

import pytest
import segno
from django.utils import timezone
from PIL import Image
from weasyprint.urls import URLFetchingError

from ablework.accounts.models import User
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind, AuditRecord
from ablework.printing.models import IssuedDocument
from ablework.printing.rendering import QR_BORDER, QR_SCALE, LocalOnlyFetcher
from ablework.printing.services import verification_url, withdraw_document
from tests.printing.conftest import BASE_URL, ISSUING_BODY, STATEMENTS, TITLE, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def issuer(db) -> User:
    return User.objects.create_user(
        username="rencheng_issuer",
        role="county_admin",
        region_id="370811",
        display_name="任城区残联",
    )


def test_pdf_states_title_issuer_date_page_numbers_and_code_in_chinese(issue, issuer, tmp_path):
    # given a Chinese document long enough for several pages
    # when it is issued
    issued = issue(issuer)

    # then pdftotext reads the title, the issuing body, the date, the seal area and the code
    text = pdf_text(issued.pdf, tmp_path)
    today = timezone.localdate()
    flat = re.sub(r"\s+", "", text)
    assert TITLE in flat
    assert ISSUING_BODY in flat
    assert f"{today.year}年{today.month}月{today.day}日" in flat
    assert "盖章处" in flat
    assert "兹证明任城区示范物流有限公司已按规定报送2025年度" in flat
    # and every page shows its number, the number of pages, and the verification code
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"第\s*{number}\s*页\s*共\s*{len(pages)}\s*页", page), page[-200:]
        assert f"验证码：{issued.document.display_code}" in re.sub(r"\s+", "", page)


def test_pdf_embeds_the_local_noto_cjk_fonts(issue, issuer, tmp_path):
    source = tmp_path / "document.pdf"
    source.write_bytes(issue(issuer, paragraphs=1).pdf)

    fonts = subprocess.run(
        ["/usr/bin/pdffonts", str(source)], check=True, capture_output=True, text=True
    ).stdout

    lines = fonts.splitlines()[2:]
    assert lines, fonts
    assert all("Noto" in line and "CJK" in line and " yes " in line for line in lines), fonts


def test_qr_code_in_the_pdf_encodes_the_public_verification_page(issue, issuer, tmp_path):
    # given an issued document, its QR image taken out of the PDF as the printer gets it
    issued = issue(issuer, paragraphs=1)
    source = tmp_path / "document.pdf"
    source.write_bytes(issued.pdf)
    subprocess.run(["/usr/bin/pdfimages", "-png", str(source), str(tmp_path / "image")], check=True)
    images = sorted(tmp_path.glob("image-*.png"))
    assert len(images) == 1
    image = Image.open(images[0]).convert("L")

    # when it is compared, module by module, with the QR code of the verification page's URL
    url = f"{BASE_URL}/verify/{issued.document.display_code}/"
    assert verification_url(base_url=BASE_URL, code=issued.document.code) == url
    expected = segno.make(url, error="m").matrix
    size = len(expected)
    assert image.size == ((size + 2 * QR_BORDER) * QR_SCALE,) * 2

    # then every module matches: a reader decodes that URL and no other
    def centre(module: int) -> int:
        return (module + QR_BORDER) * QR_SCALE + QR_SCALE // 2

    printed = [
        [
            image.getpixel(((col + QR_BORDER) * QR_SCALE + 4, (row + QR_BORDER) * QR_SCALE + 4))
            < 128
            for col in range(size)
        ]
        for row in range(size)
    ]
    assert printed == [[bool(module) for module in row] for row in expected]


def test_rendering_opens_no_network_connection_and_refuses_remote_urls(
    issue, issuer, tmp_path, monkeypatch, caplog
):
    # given a template that links a remote image and stylesheet, and a network that records
    # every attempt to use it
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)

    # when the document is issued
    with caplog.at_level(logging.WARNING, logger="ablework.printing.rendering"):
        issued = issue(issuer, paragraphs=1, remote=True)

    # then it printed without them, and nothing tried to reach the network
    assert TITLE in re.sub(r"\s+", "", pdf_text(issued.pdf, tmp_path))
    assert attempts == []
    refused = {record.args[0] for record in caplog.records}
    assert refused == {"https://example.com/remote-logo.png", "http://example.com/remote.css"}


def test_local_fetcher_refuses_every_url_but_inline_data():
    fetcher = LocalOnlyFetcher()

    for url in ["https://example.com/a.png", "http://127.0.0.1/", "file:///etc/passwd"]:
        with pytest.raises(URLFetchingError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_issuing_registers_what_the_document_states_and_audits_it(issue, issuer):
    issued = issue(issuer, paragraphs=1)

    document = IssuedDocument.objects.get()
    assert document == issued.document
    assert (document.title, document.issuing_body, document.kind) == (
        TITLE,
        ISSUING_BODY,
        "test.notice",
    )
    assert document.issued_on == timezone.localdate()
    assert document.issued_by == issuer
    assert document.statements == [list(pair) for pair in STATEMENTS]
    assert not document.is_withdrawn
    audit = AuditRecord.objects.get(target_type="printing.issueddocument")
    assert (audit.actor, audit.target_id, audit.region_code) == (issuer, str(document.pk), "370811")
    assert audit.detail["title"] == TITLE


def test_each_issue_gets_its_own_code(issue, issuer):
    codes = {issue(issuer, paragraphs=0).document.code for _ in range(3)}

    assert len(codes) == 3


def test_withdrawing_marks_the_document_and_audits_once(issue, issuer):
    document = issue(issuer, paragraphs=0).document

    withdraw_document(actor=issuer, document=document, reason="数据有误，重新出具")

    document.refresh_from_db()
    assert document.is_withdrawn
    assert document.withdrawn_by == issuer
    withdrawals = AuditRecord.objects.filter(
        target_type="printing.issueddocument", kind=AuditKind.CHANGE
    )
    assert [record.changes for record in withdrawals] == [{"status": ["valid", "withdrawn"]}]
    with pytest.raises(Conflict):
        withdraw_document(actor=issuer, document=document, reason="再次撤回")


def test_of_two_withdrawals_from_one_loaded_document_only_the_first_is_written_and_audited(
    issue, issuer
):
    # given two clerks who both opened the document while it was still valid
    document = issue(issuer, paragraphs=0).document
    first, second = (IssuedDocument.objects.get(pk=document.pk) for _ in range(2))

    # when both withdraw it, the second after the first was written
    withdraw_document(actor=issuer, document=first, reason="数据有误，重新出具")
    with pytest.raises(Conflict):
        withdraw_document(actor=issuer, document=second, reason="另一个原因")

    # then the first reason stands and the audit records one withdrawal, not two
    document.refresh_from_db()
    assert document.withdrawal_reason == "数据有误，重新出具"
    withdrawals = AuditRecord.objects.filter(
        target_type="printing.issueddocument", kind=AuditKind.CHANGE
    )
    assert withdrawals.count() == 1
