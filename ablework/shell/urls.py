from django.urls import path

from ablework.shell import views

app_name = "shell"
urlpatterns = [
    path("", views.home, name="home"),
    path("preferences/", views.set_display_preferences, name="preferences"),
    path("audit/", views.audit_list, name="audit"),
    path("audit/export/", views.audit_export, name="audit_export"),
    path("regions/", views.region_list, name="regions"),
]
