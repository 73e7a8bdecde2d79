"""The public notice's addresses (/notice/), open to everyone without signing in."""

from django.urls import path

from ablework.organs.pages import public

app_name = "notice"

urlpatterns = [
    path("", public.public_list, name="public_list"),
    path("<int:notice_id>/", public.public_notice, name="public_notice"),
    path("<int:notice_id>/notice.pdf", public.public_pdf, name="public_pdf"),
    path("<int:notice_id>/notice.csv", public.public_csv, name="public_csv"),
    path("<int:notice_id>/notice.json", public.public_json, name="public_json"),
    path("<int:notice_id>/appeal/", public.appeal_new, name="appeal_new"),
]
