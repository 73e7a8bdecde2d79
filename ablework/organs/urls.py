from django.urls import path

from ablework.organs.pages import mandate

app_name = "organs"

urlpatterns = [
    path("", mandate.unit_list, name="unit_list"),
    path("units/<int:employer_id>/", mandate.unit_detail, name="unit_detail"),
    path("units/<int:employer_id>/plan/", mandate.plan_edit, name="plan_edit"),
    path("units/<int:employer_id>/plan/progress/", mandate.progress_new, name="progress_new"),
]
