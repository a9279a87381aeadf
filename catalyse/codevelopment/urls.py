from django.urls import URLPattern

app_name = "codevelopment"

urlpatterns: list[URLPattern] = []
