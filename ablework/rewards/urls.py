from django.urls import path

from ablework.rewards import views

app_name = "rewards"

urlpatterns = [
    path("", views.candidate_list, name="candidates"),
    path("applications/", views.application_list, name="applications"),
    path("applications/export.<str:file_format>", views.payment_export, name="export"),
    path("mine/", views.my_rewards, name="mine"),
    path("declarations/<int:declaration_id>/apply/", views.apply, name="apply"),
    path("applications/<int:application_id>/", views.application_detail, name="application"),
    path("applications/<int:application_id>/approve/", views.approve, name="approve"),
    path("applications/<int:application_id>/refuse/", views.refuse, name="refuse"),
    path("applications/<int:application_id>/pay/", views.pay, name="pay"),
]
