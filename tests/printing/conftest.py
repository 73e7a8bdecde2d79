"""Fixtures of the printed-document tests: a Chinese test document and a way to read PDFs back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ablework.printing.services import IssuedPdf, issue_document

TEMPLATES = Path(__file__).parent / "templates"
PDFTOTEXT = "/usr/bin/pdftotext"
ISSUING_BODY = "济宁市任城区残疾人联合会"
TITLE = "用人单位按比例安排残疾人就业情况证明"
STATEMENTS = [("用人单位", "任城区示范物流有限公司"), ("年度", "2025年度")]
BASE_URL = "https://ablework.example.cn"


@pytest.fixture
def test_templates(settings) -> None:
    """The test document's template beside the project's."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}
    ]


@pytest.fixture
def issue(test_templates, db):
    """Issue the Chinese test document (several pages by default) as `actor`; `remote` adds
    a remote image and stylesheet to it."""

    def issue_as(
        actor,
        *,
        paragraphs: int = 40,
        remote: bool = False,
        subject: str = "",
        supersedes: tuple[str, ...] = (),
    ) -> IssuedPdf:
        return issue_document(
            actor=actor,
            kind="test.notice",
            title=TITLE,
            issuing_body=ISSUING_BODY,
            region_code="370811",
            template="printing_test/notice.html",
            context={
                "employer": "任城区示范物流有限公司",
                "year": 2025,
                "paragraphs": range(paragraphs),
                "remote": remote,
            },
            statements=STATEMENTS,
            base_url=BASE_URL,
            subject=subject,
            supersedes=supersedes,
        )

    return issue_as


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF as poppler's pdftotext reads it, page by page (form feeds between)."""
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
    )
    return result.stdout.decode("utf-8")
