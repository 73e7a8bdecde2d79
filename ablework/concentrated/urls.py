from django.urls import path

from ablework.concentrated import views

app_name = "concentrated"

urlpatterns = [
    path("", views.unit_list, name="units"),
    path("new/", views.unit_new, name="unit_new"),
    path("list/", views.tax_list, name="tax_list"),
    path("list/export.<str:file_format>", views.tax_list_export, name="tax_list_export"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:unit_id>/vat/<int:year>/", views.vat_edit, name="vat"),
]
