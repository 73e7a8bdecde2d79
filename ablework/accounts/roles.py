"""Roles and the named permissions each one carries."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("省残联管理员")
    CITY_ADMIN = "city_admin", _("市残联管理员")
    COUNTY_ADMIN = "county_admin", _("县残联管理员")
    COUNSELLOR = "counsellor", _("就业服务专员")
    AUDITOR = "auditor", _("审计员（只读）")
    EMPLOYER = "employer", _("用人单位")
    PERSON = "person", _("残疾人本人")
    FAMILY = "family", _("家属（经授权代办）")
    TRAINING_PROVIDER = "training_provider", _("培训机构")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")


class Permission(StrEnum):
    PERSONS_VIEW = "persons.view"
    PERSONS_EDIT = "persons.edit"
    PERSONS_REVEAL = "persons.reveal"
    PERSONS_EXPORT = "persons.export"
    # Supervise the registry: quarterly completion by area, suspected duplicates and merges.
    PERSONS_SUPERVISE = "persons.supervise"
    EMPLOYERS_VIEW = "employers.view"
    EMPLOYERS_EDIT = "employers.edit"
    EMPLOYERS_EXPORT = "employers.export"
    # Keep an employer's contacts: staff of its area, and the employer's own users.
    EMPLOYERS_CONTACTS = "employers.contacts"
    AUDIT_VIEW = "audit.view"
    REGIONS_MANAGE = "regions.manage"
    ACCOUNTS_MANAGE = "accounts.manage"
    # See the official documents issued in one's area and withdraw them (printing).
    DOCUMENTS_MANAGE = "documents.manage"
    # Run the rules calculation (POST /api/v1/rules/calc): those who work out levies and benefits.
    RULES_CALCULATE = "rules.calculate"
    # Check and submit quota declarations (按比例就业年审): an employer for itself, staff for the
    # employers of their region.
    QUOTA_DECLARE = "quota.declare"
    # Review quota declarations of one's region: return them, certify or reject them (the
    # federation's administrators).
    QUOTA_REVIEW = "quota.review"
    # Correct a certified quota declaration (a recorded correction with a reason, the original
    # kept; the federation's administrators).
    QUOTA_CORRECT = "quota.correct"
    # Keep employers' credit records (用人单位信用记录) of one's region and export them to the
    # credit platform (the federation's administrators).
    CREDIT_RECORDS = "credit.records"
    # Record and approve local parameter values (a minimum wage, a deadline) for one's region.
    PARAMETERS_MANAGE = "parameters.manage"
    # See the placement mandate of the organs and institutions of one's area (staff), or of
    # one's own unit and the units it supervises (an employer).
    ORGANS_VIEW = "organs.view"
    # Keep the work plans of units with a gap (posts, recruitment date, progress).
    ORGANS_PLAN = "organs.plan"
    # Prepare, approve and answer the public notice (公示) of one's area (maker-checker).
    ORGANS_NOTICE = "organs.notice"
    # See the levy season of one's region: assessments, the tax bureau's lists, amounts
    # collected and the fund's figures (staff administrators and auditors).
    LEVY_VIEW = "levy.view"
    # Run the season assessment of one's region, export the tax bureau's list and import the
    # amounts it collected (the federation's administrators).
    LEVY_ASSESS = "levy.assess"
    # See the employment services of the persons of one's area (staff), or one's own (a person;
    # a family member with consent): checks, assessments, needs, services, plans.
    SUPPORT_VIEW = "support.view"
    # Record employment services for the persons of one's area and keep their plans
    # (counsellors and township workers).
    SUPPORT_RECORD = "support.record"
    # See the completion of the "四个一" by area and worker, with the persons missed.
    SUPPORT_SUPERVISE = "support.supervise"
    # Approve plans, decide on employment difficulty and on escalations (the federation's
    # administrators).
    SUPPORT_DECIDE = "support.decide"
    # Run the matching engine on a market in the contract's JSON (POST /api/v1/matching/match):
    # staff who match job seekers to postings. The market carries no names; who may see which
    # persons' suggestions on the pages is decided by the pages' own scope.
    MATCHING_MATCH = "matching.match"
    # See the job postings of one's area (staff), or one's own organisation's (an employer).
    POSTINGS_VIEW = "postings.view"
    # Post, change and close job postings: an employer its own, staff for the employers of
    # their area.
    POSTINGS_EDIT = "postings.edit"
    # See how postings are filled (openings and hires by county and kind), export them.
    POSTINGS_REPORT = "postings.report"
    # Import postings from a file (the `postings` import kind): staff only. An employer posts
    # through the form: import batches are scoped by region, so an employer could not follow
    # its own batch (nor may it see others' of its county).
    POSTINGS_IMPORT = "postings.import"
    # Start batch recommendations for a county or city of one's area and read their runs and
    # fairness report (counsellors and administrators; a run is seen by staff whose area holds
    # its whole region).
    MATCHING_BATCH = "matching.batch"
    # See the recruitment events (专场招聘) held for one's area or for the city or province it
    # lies in, and the registrations of one's own persons (staff; auditors masked).
    EVENTS_VIEW = "events.view"
    # Hold recruitment events for a county or city of one's area, register persons of one's
    # area and record their attendance, interviews and hires (counsellors and administrators).
    EVENTS_MANAGE = "events.manage"
    # Browse and search the open job postings as a job seeker sees them: a person those of their
    # city, a family member those of the cities of the persons who consented (and save them for
    # that person); staff those of their area.
    JOBS_BROWSE = "jobs.browse"
    # See referrals (岗位推荐): staff those of the persons of their area, an employer those to its
    # own postings, a person their own, a family member those of the persons who consented.
    REFERRALS_VIEW = "referrals.view"
    # Refer a person of one's area to a posting, with their recorded consent, and move the
    # referral on (counsellors and administrators).
    REFERRALS_REFER = "referrals.refer"
    # Record a referral's interview, hire or not hiring: staff, and an employer for its own
    # postings.
    REFERRALS_RECORD = "referrals.record"
    # Ask for a referral to a posting: a person for themselves, a family member with consent.
    REFERRALS_ASK = "referrals.ask"
    # See the indicators of one's area against their targets, by region and period, and its
    # reports (staff; auditors read-only).
    INDICATORS_VIEW = "indicators.view"
    # Enter, distribute and approve targets, submit and approve a period's report (the
    # federation's administrators; approval is a second person's).
    TARGETS_MANAGE = "targets.manage"


_STAFF_ADMIN = frozenset(Permission)
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.SYSTEM_ADMIN: _STAFF_ADMIN,
    Role.PROVINCE_ADMIN: _STAFF_ADMIN,
    Role.CITY_ADMIN: _STAFF_ADMIN,
    Role.COUNTY_ADMIN: _STAFF_ADMIN,
    Role.COUNSELLOR: frozenset(
        {
            Permission.PERSONS_VIEW,
            Permission.PERSONS_EDIT,
            Permission.PERSONS_REVEAL,
            Permission.PERSONS_EXPORT,
            Permission.EMPLOYERS_VIEW,
            # Employment-service workers keep the employers of their area (a township's: its own).
            Permission.EMPLOYERS_EDIT,
            Permission.EMPLOYERS_EXPORT,
            Permission.EMPLOYERS_CONTACTS,
            Permission.RULES_CALCULATE,
            Permission.QUOTA_DECLARE,
            # The county's employment-service counsellors do the annual review of quota
            # declarations (return, certify, reject, remind); corrections of certified ones and
            # credit records stay with the administrators (issue 11).
            Permission.QUOTA_REVIEW,
            Permission.ORGANS_VIEW,
            Permission.ORGANS_PLAN,
            Permission.SUPPORT_VIEW,
            Permission.SUPPORT_RECORD,
            Permission.MATCHING_MATCH,
            Permission.POSTINGS_VIEW,
            Permission.POSTINGS_EDIT,
            Permission.POSTINGS_REPORT,
            Permission.POSTINGS_IMPORT,
            Permission.MATCHING_BATCH,
            Permission.EVENTS_VIEW,
            Permission.EVENTS_MANAGE,
            Permission.JOBS_BROWSE,
            Permission.REFERRALS_VIEW,
            Permission.REFERRALS_REFER,
            Permission.REFERRALS_RECORD,
            Permission.INDICATORS_VIEW,
        }
    ),
    # Read-only: may look and export, but exports and pages stay masked.
    Role.AUDITOR: frozenset(
        {
            Permission.PERSONS_VIEW,
            Permission.PERSONS_EXPORT,
            Permission.EMPLOYERS_VIEW,
            Permission.EMPLOYERS_EXPORT,
            Permission.AUDIT_VIEW,
            Permission.RULES_CALCULATE,
            Permission.ORGANS_VIEW,
            Permission.LEVY_VIEW,
            Permission.SUPPORT_VIEW,
            Permission.SUPPORT_SUPERVISE,
            Permission.POSTINGS_VIEW,
            Permission.POSTINGS_REPORT,
            Permission.EVENTS_VIEW,
            Permission.JOBS_BROWSE,
            Permission.REFERRALS_VIEW,
            Permission.INDICATORS_VIEW,
        }
    ),
    # An employer works out its own levy before declaring.
    Role.EMPLOYER: frozenset(
        {
            Permission.EMPLOYERS_VIEW,
            Permission.EMPLOYERS_CONTACTS,
            Permission.RULES_CALCULATE,
            Permission.QUOTA_DECLARE,
            Permission.ORGANS_VIEW,
            Permission.POSTINGS_VIEW,
            Permission.POSTINGS_EDIT,
            Permission.REFERRALS_VIEW,
            Permission.REFERRALS_RECORD,
        }
    ),
    # A person sees their own record in full; a family member only with recorded consent.
    Role.PERSON: frozenset(
        {
            Permission.PERSONS_VIEW,
            Permission.PERSONS_REVEAL,
            Permission.SUPPORT_VIEW,
            Permission.JOBS_BROWSE,
            Permission.REFERRALS_VIEW,
            Permission.REFERRALS_ASK,
        }
    ),
    Role.FAMILY: frozenset(
        {
            Permission.PERSONS_VIEW,
            Permission.SUPPORT_VIEW,
            Permission.JOBS_BROWSE,
            Permission.REFERRALS_VIEW,
            Permission.REFERRALS_ASK,
        }
    ),
    Role.TRAINING_PROVIDER: frozenset(),
}

REGION_ROLES = frozenset(
    {
        Role.PROVINCE_ADMIN,
        Role.CITY_ADMIN,
        Role.COUNTY_ADMIN,
        Role.COUNSELLOR,
        Role.AUDITOR,
        Role.TRAINING_PROVIDER,
    }
)
