"""`ablework import persons` and `ablework export persons`: the same checks and report, a
rejected-rows file beside the input, and exit statuses a script can rely on."""

from __future__ import annotations

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ablework.core.models import AuditRecord
from ablework.exchange.models import BatchStatus, ImportBatch
from ablework.jobs.models import Job, JobState
from ablework.registry.models import Person
from tests.exchange.files import import_file, person_rows, registry_state, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def run(*args: str) -> int:
    """The command's exit status."""
    try:
        call_command(*args)
    except CommandError as error:
        return error.returncode
    return 0


def test_a_clean_file_imports_with_exit_status_0(demo_data, tmp_path, capsys):
    path = write_csv(tmp_path / "clean.csv", person_rows(5))
    status = run("import", "persons", str(path), "--commit", "valid", "--as", "rencheng_counsellor")
    out = capsys.readouterr()
    assert status == 0
    assert "已新增 5 人" in out.out
    assert "5/5" in out.err  # the progress bar, on stderr
    assert not (tmp_path / "clean.rejected.xlsx").exists()


def test_the_command_runs_as_a_job_and_prints_the_progress_its_record_holds(
    demo_data, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr("ablework.jobs.progress.REPORT_EVERY_SECONDS", 0)
    path = write_csv(tmp_path / "clean.csv", person_rows(7))
    assert run("import", "persons", str(path), "--as", "rencheng_counsellor") == 0
    err = capsys.readouterr().err
    job = Job.objects.get(kind="exchange.import")
    assert f"任务#{job.pk}：/jobs/{job.pk}/" in err
    assert "检查 [" in err
    assert f"{job.done}/{job.total}" in err
    assert (job.state, job.done, job.total) == (JobState.SUCCEEDED, 7, 7)
    assert job.message == "检查完成：共 7 行，通过 7 行，未通过 0 行。"
    assert job.started_by == demo_data["rencheng_counsellor"]
    assert ImportBatch.objects.get(job=job).status == BatchStatus.CHECKED


def test_rejected_rows_give_status_1_a_printed_report_and_a_file_beside_the_input(
    demo_data, tmp_path, capsys
):
    rows = person_rows(4)
    rows[2][4] = "六级"
    path = write_xlsx(tmp_path / "q3.xlsx", rows)
    status = run("import", "persons", str(path), "--commit", "valid", "--as", "rencheng_counsellor")
    out = capsys.readouterr().out
    assert status == 1
    assert "q3.xlsx 第4行 [残疾等级] 问题：残疾等级“六级”不在可选范围内" in out
    rejected = openpyxl.load_workbook(tmp_path / "q3.rejected.xlsx").active
    values = list(rejected.values)
    assert values[0][-2:] == ("未通过原因", "原行号")
    assert len(values) == 2
    assert values[1][0] == rows[2][0]
    assert "六级" in values[1][-2]
    assert values[1][-1] == "4"
    assert Person.objects.filter(name=rows[0][0]).exists()


def test_without_commit_the_file_is_only_checked(demo_data, tmp_path, capsys):
    before = registry_state()
    path = write_csv(tmp_path / "check.csv", person_rows(3))
    assert run("import", "persons", str(path), "--as", "rencheng_counsellor") == 0
    assert "将新增 3 人" in capsys.readouterr().out
    assert registry_state() == before


def test_all_or_nothing_with_a_rejected_row_writes_nothing_and_exits_1(demo_data, tmp_path):
    rows = person_rows(3)
    rows[0][1] = "123"
    before = registry_state()
    path = write_csv(tmp_path / "aon.csv", rows)
    status = run("import", "persons", str(path), "--commit", "all-or-nothing")
    assert status == 1
    assert registry_state() == before


def test_an_unreadable_file_exits_2(demo_data, tmp_path, capsys):
    path = tmp_path / "note.xlsx"
    path.write_bytes(b"\x00\x01 not a spreadsheet \x00")
    assert run("import", "persons", str(path)) == 2
    assert run("import", "persons", str(tmp_path / "missing.csv")) == 2
    assert run("import", "persons", str(path), "--as", "nobody") == 2


def test_an_account_without_the_edit_permission_cannot_import(demo_data, tmp_path):
    path = write_csv(tmp_path / "a.csv", person_rows(1))
    assert run("import", "persons", str(path), "--as", "jining_auditor") == 2


def test_export_is_masked_unless_the_account_may_reveal_and_is_logged_either_way(
    demo_data, tmp_path
):
    person = Person.objects.filter(county_code="370811").first()
    for username, masked in (("jining_auditor", True), ("rencheng_counsellor", False)):
        output = tmp_path / f"{username}.csv"
        assert (
            run(
                "export", "persons", "--region", "370811", "--output", str(output), "--as", username
            )
            == 0
        )
        text = output.read_text(encoding="utf-8-sig")
        assert (person.resident_id in text) is not masked
        assert (person.resident_id_masked in text) is masked
        assert (
            len(text.strip().splitlines())
            == Person.objects.filter(county_code="370811").count() + 1
        )
        record = AuditRecord.objects.filter(
            action="registry.person.export", actor_label=username
        ).get()
        assert record.detail["masked"] is masked
        assert record.detail["format"] == "csv"


def test_an_exported_xlsx_imports_back_without_changes(demo_data, tmp_path, capsys):
    output = tmp_path / "rencheng.xlsx"
    assert run("export", "persons", "--region", "370811", "--output", str(output), "--reveal") == 0
    batch = import_file(demo_data["rencheng_counsellor"], output)
    assert batch.rows_rejected == 0
    assert batch.rows_unchanged == Person.objects.filter(county_code="370811").count()
    assert (batch.rows_created, batch.rows_updated) == (0, 0)
