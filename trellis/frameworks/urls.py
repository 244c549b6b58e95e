from django.urls import path

from trellis.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("o/<slug:slug>/frameworks/", views.framework_list, name="list"),
    path("o/<slug:slug>/frameworks/upload/", views.framework_upload, name="upload"),
    path("o/<slug:slug>/frameworks/<slug:key>/", views.framework_detail, name="detail"),
]
