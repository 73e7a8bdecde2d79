from django.urls import path

from ablework.parameters import views

app_name = "parameters"
urlpatterns = [
    path("local/", views.local_values, name="local_values"),
    path("local/<int:value_id>/decide/", views.decide, name="decide"),
]
