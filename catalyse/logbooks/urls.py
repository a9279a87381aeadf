from django.urls import URLPattern

app_name = "logbooks"

urlpatterns: list[URLPattern] = []
