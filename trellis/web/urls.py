from django.urls import path

from trellis.web import views

app_name = "web"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("o/<slug:slug>/", views.org_home, name="org_home"),
]
