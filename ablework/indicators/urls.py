from django.urls import path

from ablework.indicators import target_views

app_name = "indicators"
urlpatterns = [
    path("targets/", target_views.target_list, name="target_list"),
    path("targets/new/", target_views.target_new, name="target_new"),
    path("targets/<int:target_id>/", target_views.target_detail, name="target_detail"),
    path("targets/<int:target_id>/edit/", target_views.target_edit, name="target_edit"),
]
