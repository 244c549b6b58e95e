from django.urls import path

from trellis.stakeholders import views

app_name = "stakeholders"

GOAL = "o/<slug:slug>/stakeholders/<uuid:goal>/"

urlpatterns = [
    path("o/<slug:slug>/stakeholders/", views.goal_list, name="list"),
    path("o/<slug:slug>/stakeholders/settings/", views.org_settings, name="settings"),
    path(GOAL, views.plan_detail, name="plan"),
    path(GOAL + "add/", views.stakeholder_add, name="add"),
    path(GOAL + "people/<uuid:person>/remove/", views.stakeholder_remove, name="remove"),
    path(GOAL + "cadence/", views.cadence, name="cadence"),
    path(GOAL + "360/", views.threesixty_start, name="threesixty"),
    path("s/<str:token>/", views.answer, name="answer"),
]
