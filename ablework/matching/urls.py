from django.urls import URLPattern, path

from ablework.matching import views

app_name = "matching"

urlpatterns: list[URLPattern] = [
    path("postings/", views.posting_list, name="posting_list"),
    path("postings/new/", views.posting_new, name="posting_new"),
    path("postings/export.xlsx", views.posting_export, name="posting_export"),
    path("postings/fill-rates/", views.fill_rates_page, name="fill_rates"),
    path("postings/<int:posting_id>/", views.posting_detail, name="posting_detail"),
    path("postings/<int:posting_id>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:posting_id>/close/", views.posting_close, name="posting_close"),
]
