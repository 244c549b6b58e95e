from django.urls import path

from trellis.instruments import views

app_name = "instruments"

urlpatterns = [
    path("o/<slug:slug>/instruments/", views.instrument_list, name="list"),
    path("o/<slug:slug>/instruments/upload/", views.instrument_upload, name="upload"),
    path("o/<slug:slug>/instruments/<slug:key>/", views.instrument_detail, name="detail"),
    path(
        "o/<slug:slug>/instruments/<slug:key>/administer/",
        views.administration_new,
        name="administer",
    ),
    path(
        "o/<slug:slug>/administrations/<uuid:uuid>/",
        views.administration_detail,
        name="administration",
    ),
    path(
        "o/<slug:slug>/administrations/<uuid:uuid>/remind/",
        views.administration_remind,
        name="remind",
    ),
    path(
        "o/<slug:slug>/administrations/<uuid:uuid>/close/", views.administration_close, name="close"
    ),
    path("i/<str:token>/", views.answer, name="answer"),
]
