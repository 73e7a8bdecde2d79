from django.urls import URLPattern

app_name = "support"

# Each part of employment services adds its pages here (the queue, the records, plans,
# graduates, employment difficulty and escalation).
urlpatterns: list[URLPattern] = []
