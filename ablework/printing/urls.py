from django.urls import path

from ablework.printing import views

app_name = "printing"
urlpatterns = [
    path("", views.verify_form, name="verify_form"),
    path("<str:code>/", views.verify, name="verify"),
]
