"""The demo-like day the audit tests read: every action the app records, done through its
services and pages (the `demo_day` fixture; a test module imports it with `make_person`)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from ablework.accounts.models import User
from ablework.accounts.services import change_own_password, record_consent, revoke_consent
from ablework.core.services import add_subregion
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer, EmployerAccountRequest
from ablework.exchange.batches import discard_batch
from ablework.exchange.models import ComparisonProposal, ImportBatch
from ablework.exchange.rejected import write_rejected_rows
from ablework.exchange.retention import purge_expired_imports, retention_days
from ablework.jobs.models import Job, JobState
from ablework.jobs.services import enqueue_job
from ablework.levy.services.assessment import assess_season
from ablework.levy.services.tax_list import export_tax_list, mark_sent
from ablework.organs.services.notices import (
    NoticeDraft,
    answer_appeal,
    approve_notice,
    prepare_notice,
    receive_appeal,
    refresh_notice,
    reject_notice,
)
from ablework.parameters.services import (
    approve_local_value,
    propose_local_value,
    reject_local_value,
)
from ablework.printing.models import IssuedDocument
from ablework.printing.services import withdraw_document
from ablework.registry.models import Person
from ablework.registry.services import (
    PersonChanges,
    add_training_record,
    correct_identity,
    dismiss_duplicate,
    end_flag,
    mark_verified,
    merge_persons,
    open_flag,
    record_certificate_event,
    update_person,
)
from ablework.rewards.services import (
    Payment,
    apply_for_reward,
    approve_reward,
    record_payment,
    refuse_reward,
)
from tests.accounts.factories import CountyAdminFactory
from tests.core.audit_day_difficulty import difficulty_day
from tests.core.audit_day_events import events_day
from tests.core.audit_day_indicators import indicators_day
from tests.core.audit_day_postings import postings_day
from tests.core.audit_day_quota import quota_day
from tests.core.audit_day_referrals import referrals_day
from tests.core.audit_day_seeker import seeker_day
from tests.core.audit_day_submissions import submissions_day
from tests.core.audit_day_support import support_day
from tests.core.audit_day_targets import targets_day
from tests.exchange.files import HEADER, import_file, person_rows, write_csv, write_xlsx
from tests.helpers import signed_in
from tests.jobs.work import count_to
from tests.registry.conftest import OWN_COUNTY, make_person, resident_id  # noqa: F401
from tests.rewards.conftest import YUELU, certified


@pytest.fixture
def demo_day(demo_data, make_person, tmp_path, settings) -> dict[str, User]:  # noqa: F811
    """Every action the app records today, done through its services and pages."""
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    settings.MEDIA_ROOT = tmp_path / "media"
    admin, counsellor = demo_data["rencheng_admin"], demo_data["rencheng_counsellor"]
    own = Person.objects.get(pk=demo_data["person_user"].person_id)
    staff = signed_in(counsellor)
    # sign in; open, reveal and export records; export employers
    Client().post("/accounts/login/", {"username": "rencheng_counsellor", "password": _password()})
    staff.get(f"/persons/{own.pk}/")
    staff.post(f"/persons/{own.pk}/reveal/")
    b"".join(staff.post("/persons/export.csv").streaming_content)
    b"".join(staff.post("/employers/export.csv").streaming_content)
    # register, edit (a choice, a masked number), flags, training, a check of the record
    make_person(name="新登记")
    status = "employed" if own.employment_status != "employed" else "unemployed"
    kind = "quota" if status == "employed" else ""
    update_person(
        actor=counsellor,
        person=own,
        changes=PersonChanges(
            employment_status=status, employment_kind=kind, phone="13800000001", education="senior"
        ),
    )
    difficulty = "employment_difficulty"
    flag = open_flag(actor=counsellor, person=own, kind=difficulty, on=date(2026, 1, 5))
    end_flag(actor=counsellor, person=own, flag_id=flag.pk, on=date(2026, 2, 1))
    add_training_record(actor=counsellor, person=own, subject="电商运营")
    record_certificate_event(
        actor=counsellor,
        person=own,
        kind="renewed",
        on=date(2026, 1, 10),
        valid_until=date(2036, 1, 9),
    )
    mark_verified(actor=counsellor, persons=Person.objects.filter(pk=own.pk), on=date(2026, 3, 1))
    # consent for a family member, then revoked
    consent = record_consent(
        actor=admin,
        person_id=own.pk,
        family_username="family_user",
        relationship="子女",
        evidence="书面授权书",
        valid_until=None,
    )
    revoke_consent(actor=admin, consent_id=consent.pk)
    # identity correction, merge and dismissal of suspected duplicates
    mistyped = make_person(name="录错号", birth_date=date(1980, 1, 1), sex="male")
    true_number = resident_id(OWN_COUNTY, date(1980, 10, 1), male=False)
    correct_identity(
        actor=admin,
        person=mistyped,
        resident_id=true_number,
        certificate_number=true_number + "53",
        retirement_base_age=55,
        reason="核对身份证原件，原录入有误",
    )
    kept, merged = (make_person(name="孙重复", birth_date=date(1979, 4, 2)) for _ in range(2))
    merge_persons(actor=admin, kept=kept, merged=merged, note="录入重复")
    first, second = (make_person(name="李两人", birth_date=date(1990, 3, 3)) for _ in range(2))
    dismiss_duplicate(actor=admin, first=first, second=second, note="不是同一人")
    # imports: created, updated, a rejected row downloaded, a batch discarded
    rows = person_rows(3)
    rows[2][4] = "9级"
    batch = import_file(counsellor, write_xlsx(tmp_path / "q1.xlsx", rows))
    write_rejected_rows(actor=counsellor, batch=batch, target=io.BytesIO())
    rows[0][6:9] = ["已就业", "灵活就业", ""]
    rows[0][10] = "是"
    import_file(counsellor, write_xlsx(tmp_path / "q2.xlsx", rows[:2], header=HEADER))
    checked = import_file(counsellor, write_xlsx(tmp_path / "q3.xlsx", rows[:1]), commit=None)
    discard_batch(actor=counsellor, batch=checked)
    # another county's counsellor checks a file holding the person's ID (a lookup, audited)
    probe = person_rows(1, seed=31)
    probe[0][:6] = [own.name, own.resident_id, own.certificate_number, "", "", "370826"]
    weishan = demo_data["weishan_counsellor"]
    import_file(weishan, write_xlsx(tmp_path / "probe.xlsx", probe), commit=None)
    # a department's death list: one proposal accepted, one rejected
    dead = list(Person.objects.filter(county_code=OWN_COUNTY, merged_into__isnull=True)[:2])
    death_rows = [[p.name, p.resident_id, "2026-02-01"] for p in dead]
    path = write_csv(tmp_path / "deaths.csv", death_rows, ["姓名", "身份证号", "死亡日期"])
    _upload_comparison(staff, path)
    comparison = ImportBatch.objects.latest("pk")
    accept, reject = ComparisonProposal.objects.filter(batch=comparison).order_by("row_number")
    staff.post(f"/imports/{comparison.pk}/decide/", {"one": f"accept:{accept.pk}"})
    staff.post(f"/imports/{comparison.pk}/decide/", {"one": f"reject:{reject.pk}"})
    # a background job that failed, started again from its page
    job = enqueue_job(actor=counsellor, kind="test", label="数到 1", work=count_to, arguments=[1])
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED)
    assert staff.post(f"/jobs/{job.pk}/restart/").status_code == 302
    # an official report printed, then withdrawn
    assert signed_in(admin).post("/persons/updates/progress/report.pdf").status_code == 200
    withdraw_document(actor=admin, document=IssuedDocument.objects.get(), reason="数据有误")
    # regions added one by one and from a file
    add_subregion(actor=admin, parent_code=OWN_COUNTY, code="370811901", name="示范街道")
    regions = write_csv(
        tmp_path / "社区.csv",
        [["370811901001", "示范社区", "370811901"]],
        ["代码", "名称", "上级代码"],
    )
    import_file(admin, regions, kind="regions")
    # an employer registered in a street, then moved to the next one
    employer_form = {
        "name": "示范物流有限公司",
        "uscc": uscc_with_check("9137081100000099"),
        "kind": "enterprise",
        "county_code": OWN_COUNTY,
        "township_code": "370811001",
        "staff_count": "60",
    }
    assert staff.post("/employers/new/", employer_form).status_code == 302
    employer = Employer.objects.get(name="示范物流有限公司")
    moved = {**employer_form, "township_code": "370811002", "version": "1"}
    assert staff.post(f"/employers/{employer.pk}/edit/", moved).status_code == 302
    # its contacts: one added, its phone changed, a second added and removed
    contacts = f"/employers/{employer.pk}/contacts"
    added = {"name": "孙经办", "post": "人事经办人", "phone": "13700002222"}
    assert staff.post(f"{contacts}/new/", added).status_code == 302
    contact = employer.contacts.get()
    changed = {**added, "phone": "13700004444", "version": "1"}
    assert staff.post(f"{contacts}/{contact.pk}/edit/", changed).status_code == 302
    assert staff.post(f"{contacts}/new/", {"name": "周会计"}).status_code == 302
    second = employer.contacts.get(primary=False)
    assert staff.post(f"{contacts}/{second.pk}/remove/", {"version": "1"}).status_code == 302
    # that employer's quota declaration for 2025 and what follows from it
    quota_day(admin=admin, counsellor=counsellor, staff=staff, employer=employer, tmp_path=tmp_path)
    # in 长沙市岳麓区, an over-quota reward recorded by one staff member, approved and paid by
    # a second; another refused; the payment list downloaded
    yuelu, recorder = (
        CountyAdminFactory(region_id=YUELU, display_name=name)
        for name in ("岳麓区残联管理员", "岳麓区残联经办人")
    )
    application = apply_for_reward(actor=recorder, declaration_id=certified().pk)
    application = approve_reward(
        actor=yuelu, application_id=application.pk, version=application.version
    )
    record_payment(
        actor=yuelu,
        application_id=application.pk,
        version=application.version,
        payment=Payment(paid_on=timezone.localdate(), amount=application.amount, reference="P1"),
    )
    refused = apply_for_reward(actor=recorder, declaration_id=certified().pk)
    refuse_reward(actor=yuelu, application_id=refused.pk, version=refused.version, reason="核实")
    payments = signed_in(yuelu).post("/rewards/applications/export.csv", {"year": "2025"})
    assert payments.status_code == 200
    # the employer asks for an account twice: staff confirm one request and refuse the other
    account_request = {
        "employer_name": employer.name,
        "uscc": employer.uscc,
        "contact_name": "钱经办",
        "contact_phone": "13700003333",
    }
    for _ in range(2):
        assert Client().post("/employers/request-account/", account_request).status_code == 302
    first, second = EmployerAccountRequest.objects.order_by("pk")
    staff.post(f"/employers/requests/{first.pk}/", {"confirm": "1", "username": "qian_hr"})
    staff.post(f"/employers/requests/{second.pk}/", {"refuse": "1", "reason": "重复申请"})
    # a wrong password, a password reset by the administrator, then the user's own change
    Client().post("/accounts/login/", {"username": "rencheng_counsellor", "password": "wrong"})
    signed_in(admin).post(f"/accounts/users/{counsellor.pk}/reset-password/")
    counsellor.refresh_from_db()
    change_own_password(actor=counsellor, new_password=_password())
    # the import contents past their retention period deleted
    purge_expired_imports(now=timezone.now() + timedelta(days=retention_days() + 1))
    # local minimum wages: one proposed and approved by a second person, one sent back, and one
    # set at the server
    wage = {"name": "wages.minimum_wage_monthly", "region": OWN_COUNTY, "reference": "测试依据"}
    city_admin = demo_data["jining_admin"]
    proposed = propose_local_value(admin, effective_from="2025-01-01", value="2200", **wage)
    approve_local_value(city_admin, proposed.pk)
    proposed = propose_local_value(admin, effective_from="2026-01-01", value="9999", **wage)
    reject_local_value(city_admin, proposed.pk, "依据不对")
    propose_local_value(None, effective_from="2026-06-01", value="2300", **wage)
    # an organ's work plan: made, changed, its progress recorded
    organ = Employer.objects.create(
        name="示范市民政局",
        uscc=uscc_with_check("1137081100000098"),
        kind="organ",
        county_code=OWN_COUNTY,
        administrative_level="prefecture",
        authorised_posts=60,
        staff_count=60,
    )
    plan = {
        "posts_to_reserve": "1",
        "recruitment_on": "2027-03-01",
        "responsible_name": "赵主任",
        "responsible_role": "办公室主任",
    }
    planner = signed_in(admin)
    assert planner.post(f"/organs/units/{organ.pk}/plan/", plan).status_code == 302
    changed_plan = {**plan, "posts_to_reserve": "2", "version": "1"}
    assert planner.post(f"/organs/units/{organ.pk}/plan/", changed_plan).status_code == 302
    progress = {"recorded_on": "2026-11-01", "note": "已报编办", "placed": "0", "version": "2"}
    assert planner.post(f"/organs/units/{organ.pk}/plan/progress/", progress).status_code == 302
    # an enterprise marked state-owned for the public notice
    marked = {"version": "1", "state_owned": "on"}
    assert planner.post(f"/organs/profiles/{employer.pk}/", marked).status_code == 302
    # the county's 2025 levy season: assessed, the tax bureau's list exported and marked sent,
    # and the amounts the bureau collected imported
    run = assess_season(actor=admin, levy_year=2025, region_code=OWN_COUNTY)
    built = export_tax_list(actor=admin, run=run)
    assert built.export is not None
    mark_sent(actor=admin, export=built.export)
    paid = [[employer.uscc, employer.name, "2025", "100.00", "2026-09-15", ""]]
    columns = ["统一社会信用代码", "单位名称", "费款所属期", "实缴金额", "缴款日期", "电子税票号码"]
    import_file(admin, write_csv(tmp_path / "collected.csv", paid, columns), kind="levy_collected")
    # a public notice prepared, refreshed, approved by a second person, objected to and answered;
    # another refused
    notice = prepare_notice(actor=admin, draft=NoticeDraft(year=2025, region_code=OWN_COUNTY))
    notice = refresh_notice(actor=admin, notice=notice, seen_version=notice.version)
    notice = approve_notice(
        actor=city_admin, notice=notice, seen_version=notice.version, base_url="http://testserver/"
    )
    appeal = receive_appeal(notice=notice, name="公众", contact="13700005555", objection="有误")
    answer_appeal(actor=admin, appeal=appeal, answer="已核实", seen_version=appeal.version)
    refused = prepare_notice(actor=admin, draft=NoticeDraft(year=2024, region_code=OWN_COUNTY))
    reject_notice(actor=city_admin, notice=refused, seen_version=refused.version, reason="有误")
    support_day(demo_data, make_person, counsellor=counsellor, admin=admin, own=own)
    difficulty_day(counsellor=counsellor, admin=admin, own=own)
    postings_day(demo_data)
    events_day(demo_data)
    seeker_day(demo_data)
    targets_day(demo_data)
    submissions_day(demo_data)
    indicators_day(demo_data)
    referrals_day(demo_data, make_person)
    return demo_data


def _password() -> str:
    from ablework.demo.seeding import DEMO_PASSWORD

    return DEMO_PASSWORD


def _upload_comparison(client: Client, path: Path) -> None:
    with path.open("rb") as handle:
        response = client.post("/imports/compare/", {"kind": "deaths", "file": handle})
    assert response.status_code == 302
