from django.urls import path

from ablework.organs.pages import mandate, notices, profiles

app_name = "organs"

urlpatterns = [
    path("", mandate.unit_list, name="unit_list"),
    path("units/<int:employer_id>/", mandate.unit_detail, name="unit_detail"),
    path("units/<int:employer_id>/plan/", mandate.plan_edit, name="plan_edit"),
    path("units/<int:employer_id>/plan/progress/", mandate.progress_new, name="progress_new"),
    path("profiles/<int:employer_id>/", profiles.unit_profile, name="unit_profile"),
    path("notices/", notices.notice_list, name="notice_list"),
    path("notices/new/", notices.notice_new, name="notice_new"),
    path("notices/<int:notice_id>/", notices.notice_detail, name="notice_detail"),
    path("notices/<int:notice_id>/approve/", notices.notice_approve, name="notice_approve"),
    path("notices/<int:notice_id>/reject/", notices.notice_reject, name="notice_reject"),
    path("notices/<int:notice_id>/refresh/", notices.notice_refresh, name="notice_refresh"),
    path(
        "notices/<int:notice_id>/appeals/<int:appeal_id>/",
        notices.appeal_answer,
        name="appeal_answer",
    ),
]
