from django.urls import path

from trellis.sso import views

app_name = "sso"

urlpatterns = [
    path("sso/", views.find, name="find"),
    path("sso/<slug:slug>/", views.start, name="start"),
    path("o/<slug:slug>/sso/", views.sso_settings, name="settings"),
]
