"""Province staff run the season assessment from its page and download the tax bureau's list,
by keyboard alone; no page on the way has a serious axe-core violation."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ablework.levy.models import AssessmentRun, TaxListExport
from ablework.levy.services.tax_list import verify_tax_list
from tests.browser.pages import focused, serious_violations, sign_in, tab_to
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


def test_province_staff_assess_the_season_and_download_the_tax_list_by_keyboard(
    demo_site: DemoSite, demo_quota: object
) -> None:
    def journey(page):  # type: ignore[no-untyped-def]
        sign_in(page, "shandong_admin")
        page.goto("/levy/")
        problems = serious_violations(page)
        tab_to(page, "id_levy_year")
        page.keyboard.press("Control+A")
        page.keyboard.type("2025")
        page.keyboard.press("Tab")
        now = focused(page)
        assert now is not None
        assert now.id == "id_region"
        for _ in range(200):  # down the list of 山东's regions to 济宁市 (370800)
            if page.eval_on_selector("#id_region", "element => element.value") == "370800":
                break
            page.keyboard.press("ArrowDown")
        assert page.eval_on_selector("#id_region", "element => element.value") == "370800"
        tab_to(page, "start-assessment")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        # The job runs (immediate backend in tests); its page shows the result.
        page.goto(page.url)
        assert "核定结果" in page.content()
        assert "未记录审核截止日期" in page.content()
        problems += serious_violations(page)
        tab_to(page, "download-tax-list")
        with page.expect_download() as waiting:
            page.keyboard.press("Enter")
        download = waiting.value
        with open(download.path(), "rb") as handle:
            archive = zipfile.ZipFile(io.BytesIO(handle.read()))
        return problems, {name: archive.read(name) for name in archive.namelist()}

    problems, files = demo_site.browse(journey)
    assert not problems, problems
    manifest_name = next(name for name in files if name.endswith(".manifest.json"))
    sealed = json.loads(files.pop(manifest_name))
    assert verify_tax_list(sealed["manifest"], sealed["signature"], files)
    run = AssessmentRun.objects.get(region_code="370800", levy_year=2025)
    assert run.finished
    assert TaxListExport.objects.filter(run=run).count() == 1
