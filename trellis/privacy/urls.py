from django.urls import path

from trellis.privacy import views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export.zip", views.my_data_export, name="my_data_export"),
    path("me/data/cancel/", views.my_data_cancel, name="my_data_cancel"),
    path("o/<slug:slug>/privacy/erasures/", views.erasures, name="erasures"),
    path(
        "o/<slug:slug>/privacy/erasures/<uuid:request_uuid>/confirm/",
        views.erasure_confirm,
        name="erasure_confirm",
    ),
    path("o/<slug:slug>/privacy/retention/", views.retention, name="retention"),
    path(
        "o/<slug:slug>/people/<uuid:member_uuid>/deactivate/",
        views.member_deactivate,
        name="member_deactivate",
    ),
]
