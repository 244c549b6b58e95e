from django.urls import path

from trellis.insights import views

app_name = "insights"

ORG = "o/<slug:slug>/"

urlpatterns = [
    path(ORG + "insight/", views.settings, name="settings"),
    path(ORG + "insight/forget/", views.forget, name="forget"),
    path(ORG + "insight/stance/", views.stance, name="stance"),
    path(ORG + "insight/inclusive/", views.inclusive_hint, name="inclusive"),
    path(ORG + "insight/people/<uuid:member_uuid>/", views.member_trend, name="member_trend"),
    path(ORG + "reflect/", views.reflect, name="reflect"),
]
