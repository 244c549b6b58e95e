from django.urls import path

from trellis.schools import views

app_name = "schools"

BASE = "o/<slug:slug>/schools/"
PLC = BASE + "communities/<uuid:community>/"

urlpatterns = [
    path(BASE, views.school_list, name="list"),
    path(BASE + "import/", views.school_import, name="import"),
    path(BASE + "settings/", views.school_settings, name="settings"),
    path(BASE + "<uuid:school>/", views.school_detail, name="detail"),
    path(BASE + "<uuid:school>/staff/", views.school_staff, name="staff"),
    path(BASE + "<uuid:school>/communities/new/", views.community_create, name="community_create"),
    path(BASE + "teachers/<uuid:teacher>/", views.teacher_detail, name="teacher"),
    path(BASE + "teachers/<uuid:teacher>/activities/", views.activity_add, name="activity_add"),
    path(PLC, views.community_detail, name="community"),
    path(PLC + "goals/", views.community_goal, name="community_goal"),
    path(PLC + "respond/", views.community_respond, name="community_respond"),
    path(PLC + "huddles/", views.huddle_log, name="huddle_log"),
]
