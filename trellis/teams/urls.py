from django.urls import path

from trellis.teams import views

app_name = "teams"

TEAM = "o/<slug:slug>/teams/<uuid:team>/"

urlpatterns = [
    path("o/<slug:slug>/teams/", views.team_list, name="list"),
    path("o/<slug:slug>/business-goals/", views.business_goals, name="business"),
    path(TEAM, views.team_detail, name="detail"),
    path(TEAM + "charter/", views.charter_edit, name="charter"),
    path(TEAM + "charter/history/", views.charter_history, name="charter_history"),
    path(TEAM + "settings/", views.team_settings, name="settings"),
    path(TEAM + "pulse/send/", views.pulse_send, name="pulse_send"),
    path(TEAM + "pulse/session/", views.pulse_session, name="pulse_session"),
    path(TEAM + "actions/", views.action_add, name="action_add"),
    path(TEAM + "actions/<uuid:action>/done/", views.action_done, name="action_done"),
    path(TEAM + "check-ins/", views.check_ins, name="check_ins"),
]
