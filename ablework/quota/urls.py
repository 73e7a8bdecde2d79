from django.urls import path

from ablework.quota import views

app_name = "quota"

urlpatterns = [
    path(
        "declarations/<int:declaration_id>/certificate/",
        views.certificate,
        name="certificate",
    ),
]
