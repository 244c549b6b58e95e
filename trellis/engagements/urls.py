from django.urls import path

from trellis.engagements import views

app_name = "engagements"

urlpatterns = [
    path("o/<slug:slug>/engagements/", views.engagement_list, name="list"),
    path("o/<slug:slug>/engagements/new/", views.engagement_new, name="new"),
    path(
        "o/<slug:slug>/engagements/<uuid:engagement_uuid>/", views.engagement_detail, name="detail"
    ),
]
