"""Region names: read once per process, told at once about townships staff add."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from ablework.core import region_names
from ablework.core.models import Region, RegionLevel
from ablework.core.region_names import region_full_name, region_name
from ablework.core.services import add_subregion
from tests.exchange.files import import_file, write_csv

pytestmark = pytest.mark.django_db


def test_names_are_read_with_one_query_then_none(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert region_name("370811") == "任城区"
    with django_assert_num_queries(0):
        assert [region_name(code) for code in ("370800", "370826", "370000")] == [
            "济宁市",
            "微山县",
            "山东省",
        ]


def test_a_region_reads_as_its_name_without_its_code():
    assert str(Region.objects.get(code="370811")) == "任城区"


def test_a_township_the_county_adds_is_named_at_once(demo_data, django_capture_on_commit_callbacks):
    # given names already loaded by an earlier page
    assert region_name("370811097") == "370811097"
    # when the county adds the township
    with django_capture_on_commit_callbacks(execute=True):
        add_subregion(
            actor=demo_data["rencheng_admin"], parent_code="370811", code="370811097", name="某街道"
        )
    # then the next page names it
    assert region_name("370811097") == "某街道"


def test_townships_imported_from_a_file_are_named_at_once(
    demo_data, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    assert region_name("370811096") == "370811096"
    listing = write_csv(
        tmp_path / "townships.csv",
        [["370811096", "文件街道", "370811"]],
        ["代码", "名称", "上级代码"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_file(demo_data["rencheng_admin"], listing, kind="regions")
    assert region_name("370811096") == "文件街道"


def test_another_process_learns_of_a_new_township_after_a_minute(monkeypatch):
    # given a process that loaded the names, and a township another process then added
    assert region_name("370811095") == "370811095"
    Region.objects.create(
        code="370811095", name="别处街道", level=RegionLevel.TOWNSHIP, parent_id="370811"
    )
    assert region_name("370811095") == "370811095"  # within the minute: the mapping is trusted
    # when a minute has passed
    later = region_names.time.monotonic() + region_names.RELOAD_AFTER_MISS_SECONDS + 1
    monkeypatch.setattr(region_names.time, "monotonic", lambda: later)
    # then the unknown code makes it read the table again
    assert region_name("370811095") == "别处街道"


def test_a_code_no_region_has_reads_as_itself_and_blank_as_blank():
    assert region_name("379999") == "379999"
    assert region_name("") == region_name(None) == ""


def test_a_community_is_named_from_its_county_down():
    Region.objects.create(
        code="370811094", name="南张街道", level=RegionLevel.TOWNSHIP, parent_id="370811"
    )
    Region.objects.create(
        code="370811094001", name="南苑社区", level=RegionLevel.COMMUNITY, parent_id="370811094"
    )
    assert region_full_name("370811094001") == "任城区 南张街道 南苑社区"
    assert region_full_name("370811094") == "任城区 南张街道"
    assert region_full_name("370800") == "济宁市"


def test_the_template_filters_name_codes():
    html = Template(
        "{% load regions %}{{ county|region_name }} / {{ county|region_full_name }}"
    ).render(Context({"county": "370826"}))
    assert html == "微山县 / 微山县"
