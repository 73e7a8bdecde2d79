from django.urls import URLPattern, path

from ablework.matching import (
    batch_views,
    event_registration_views,
    event_report_views,
    event_views,
    person_views,
    referral_step_views,
    referral_views,
    roster_views,
    seeker_referral_views,
    seeker_views,
    views,
)

app_name = "matching"

urlpatterns: list[URLPattern] = [
    path("postings/", views.posting_list, name="posting_list"),
    path("postings/new/", views.posting_new, name="posting_new"),
    path("postings/export.xlsx", views.posting_export, name="posting_export"),
    path("postings/fill-rates/", views.fill_rates_page, name="fill_rates"),
    path("postings/<int:posting_id>/", views.posting_detail, name="posting_detail"),
    path("postings/<int:posting_id>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:posting_id>/close/", views.posting_close, name="posting_close"),
    path("events/", event_views.event_list, name="event_list"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/<int:event_id>/", event_views.event_detail, name="event_detail"),
    path("events/<int:event_id>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<int:event_id>/report/", event_report_views.report_page, name="event_report"),
    path(
        "events/<int:event_id>/report.xlsx",
        event_report_views.report_xlsx,
        name="event_report_xlsx",
    ),
    path(
        "events/<int:event_id>/report/pdf/",
        event_report_views.report_pdf,
        name="event_report_pdf",
    ),
    path(
        "postings/<int:posting_id>/candidates/",
        person_views.posting_candidates,
        name="posting_candidates",
    ),
    path("persons/<int:person_id>/jobs/", person_views.person_jobs_page, name="person_jobs"),
    # job seekers (seeker_views.py): browse, read, save; their referrals (seeker_referral_views.py)
    path("jobs/", seeker_views.job_list, name="job_list"),
    path("jobs/saved/", seeker_views.saved_list, name="jobs_saved"),
    path("jobs/referrals/", seeker_referral_views.my_referrals, name="jobs_referrals"),
    path(
        "jobs/referrals/<int:referral_id>/withdraw/",
        seeker_referral_views.referral_withdraw,
        name="jobs_referral_withdraw",
    ),
    path("jobs/<int:posting_id>/ask/", seeker_referral_views.job_ask, name="job_ask"),
    path("jobs/<int:posting_id>/", seeker_views.job_detail, name="job_detail"),
    path("jobs/<int:posting_id>/save/", seeker_views.job_save, name="job_save"),
    path("jobs/<int:posting_id>/unsave/", seeker_views.job_unsave, name="job_unsave"),
    path(
        "events/<int:event_id>/registrations/",
        event_registration_views.registrations,
        name="event_registrations",
    ),
    path(
        "events/<int:event_id>/register/",
        event_registration_views.register,
        name="event_register",
    ),
    path(
        "events/<int:event_id>/registrations/<int:registration_id>/",
        event_registration_views.registration_detail,
        name="event_registration",
    ),
    path(
        "events/<int:event_id>/registrations/<int:registration_id>/outcome/",
        event_registration_views.registration_outcome,
        name="event_outcome",
    ),
    path(
        "events/<int:event_id>/registrations/<int:registration_id>/cancel/",
        event_registration_views.registration_cancel,
        name="event_cancel_registration",
    ),
    # referrals (referral_views.py, referral_step_views.py): the list, a new one, one referral
    path("referrals/", referral_views.referral_list, name="referral_list"),
    path("referrals/new/", referral_views.referral_new, name="referral_new"),
    path(
        "referrals/<int:referral_id>/",
        referral_step_views.referral_detail,
        name="referral_detail",
    ),
    # a hire onto the employer's quota roster (roster_views.py, from roster_panel.py's panel)
    path(
        "referrals/<int:referral_id>/to-roster/",
        roster_views.hire_to_roster,
        name="referral_to_roster",
    ),
    path("batches/", batch_views.batch_list, name="batch_list"),
    path("batches/<int:run_id>/", batch_views.batch_detail, name="batch_detail"),
    path("batches/<int:run_id>/fairness/", batch_views.batch_fairness, name="batch_fairness"),
]
