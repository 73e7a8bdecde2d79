from django.urls import path

from ablework.printing import views

app_name = "printing"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("documents/", views.document_list, name="document_list"),
    path(
        "documents/<int:document_id>/withdraw/",
        views.document_withdraw,
        name="document_withdraw",
    ),
]
