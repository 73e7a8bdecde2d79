"""A counsellor imports a file with errors, reads why, fixes it, imports it again and finds the
people — by keyboard alone, with no serious axe-core violation on the way."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from ablework.demo.seeding import DEMO_PASSWORD
from tests.browser.keyboard import press_and_wait, tab_to_text
from tests.browser.pages import LOGIN_PATH, serious_violations, tab_to
from tests.browser.session import DemoSite
from tests.exchange.files import person_rows, write_xlsx

pytestmark = pytest.mark.browser


def upload(page: Page, path: Path) -> None:
    """From the upload page: the file field (the file chooser is the system's), then submit."""
    tab_to(page, "id_file")
    page.set_input_files("#id_file", str(path))
    tab_to(page, "upload-submit")
    press_and_wait(page)


@pytest.fixture
def files(tmp_path: Path, settings) -> tuple[Path, Path]:
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    rows = person_rows(3, seed=31)
    wrong = [list(row) for row in rows]
    wrong[1][4] = "五级"
    return write_xlsx(tmp_path / "第一季度.xlsx", wrong), write_xlsx(
        tmp_path / "第一季度-改.xlsx", rows
    )


@pytest.mark.slow
def test_a_counsellor_imports_fixes_and_finds_people_by_keyboard(demo_site: DemoSite, files):
    with_error, fixed = files
    name = person_rows(3, seed=31)[1][0]

    def journey(page: Page) -> list[str]:
        violations: list[str] = []
        page.goto(LOGIN_PATH)
        tab_to(page, "id_username")
        page.keyboard.type("rencheng_counsellor")
        page.keyboard.press("Tab")
        page.keyboard.type(DEMO_PASSWORD)
        press_and_wait(page)
        # to the import pages through the main navigation
        tab_to_text(page, "导入与比对", exact=True)
        press_and_wait(page)
        tab_to(page, "new-import")
        press_and_wait(page)
        violations += serious_violations(page)
        # the file with a mistake: every problem is listed with its row and column
        upload(page, with_error)
        assert "检查发现的问题" in page.inner_text("main")
        problems = page.get_by_role("table", name="每个问题所在的文件、行和列")
        assert "残疾等级" in problems.inner_text()
        assert "五级" in problems.inner_text()
        violations += serious_violations(page)
        # import nothing, fix the file, upload it again
        tab_to(page, "discard")
        press_and_wait(page)
        assert "已放弃" in page.inner_text("main")
        tab_to(page, "back-to-batches")
        press_and_wait(page)
        tab_to(page, "new-import")
        press_and_wait(page)
        upload(page, fixed)
        assert "每一行都通过了检查" in page.inner_text("main")
        tab_to(page, "commit-all")
        press_and_wait(page)
        assert "导入结果" in page.inner_text("main")
        violations += serious_violations(page)
        # and find the people
        tab_to(page, "find-persons")
        press_and_wait(page)
        tab_to(page, "f-q", limit=80)
        page.keyboard.type(name)
        press_and_wait(page)
        assert urlsplit(page.url).path == "/persons/"
        assert name in page.locator("main table").inner_text()
        violations += serious_violations(page)
        return violations

    assert demo_site.browse(journey) == []
