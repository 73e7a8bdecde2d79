from django.urls import path

from ablework.levy import views

app_name = "levy"
urlpatterns = [
    path("", views.assessments, name="assessments"),
    path("fund/", views.fund, name="fund"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/tax-list/", views.tax_list, name="tax_list"),
    path(
        "runs/<int:run_id>/exports/<int:export_id>/sent/",
        views.export_sent,
        name="export_sent",
    ),
]
