from django.urls import path

from ablework.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:job_id>/", views.job_detail, name="job_detail"),
    path("<int:job_id>/progress.json", views.job_progress, name="job_progress"),
    path("<int:job_id>/restart/", views.job_restart, name="job_restart"),
    path("<int:job_id>/result/", views.job_result, name="job_result"),
]
