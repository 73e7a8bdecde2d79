from django.urls import path

from ablework.indicators import (
    person_views,
    report_views,
    submission_views,
    target_views,
    unit_views,
    views,
)

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="indicator_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("targets/", target_views.target_list, name="target_list"),
    path("targets/new/", target_views.target_new, name="target_new"),
    path("targets/<int:target_id>/", target_views.target_detail, name="target_detail"),
    path("targets/<int:target_id>/edit/", target_views.target_edit, name="target_edit"),
    path("reports/", report_views.report_page, name="report"),
    path("reports/notes/", report_views.report_note, name="report_note"),
    path("reports/xlsx/", report_views.report_xlsx, name="report_xlsx"),
    path("reports/pdf/", report_views.report_pdf, name="report_pdf"),
    path(
        "reports/<slug:file_format>/background/",
        report_views.report_background,
        name="report_background",
    ),
    path("submissions/", submission_views.submission_status, name="submission_status"),
    path("submissions/new/", submission_views.submission_new, name="submission_new"),
    path(
        "submissions/<int:submission_id>/",
        submission_views.submission_detail,
        name="submission_detail",
    ),
    path(
        "submissions/<int:submission_id>/revise/",
        submission_views.revision_new,
        name="revision_new",
    ),
    path(
        "submissions/revisions/<int:revision_id>/",
        submission_views.revision_decide,
        name="revision_decide",
    ),
    # An indicator's own pages come last: a fixed word above ("dashboard", "targets",
    # "reports") is not a code.
    path("<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("<slug:code>/persons/", person_views.indicator_persons, name="indicator_persons"),
    path("<slug:code>/units/", unit_views.indicator_units, name="indicator_units"),
]
