"""The indicators' open data (/open-data/), open to everyone without signing in."""

from django.urls import path

from ablework.indicators import open_views

app_name = "open_data"

urlpatterns = [
    path("", open_views.open_data_page, name="page"),
    path("data.csv", open_views.open_data_csv, name="csv"),
    path("data.json", open_views.open_data_json, name="json"),
    path("schema.json", open_views.open_data_schema_view, name="schema"),
]
