from django.urls import path

from trellis.leadership import views

app_name = "leadership"

BASE = "o/<slug:slug>/leadership/"
GOAL = BASE + "goals/<uuid:goal>/"

urlpatterns = [
    path(BASE, views.mine, name="mine"),
    path(BASE + "models/", views.models_list, name="models"),
    path(BASE + "models/import/", views.model_import, name="model_import"),
    path(BASE + "models/<slug:key>/", views.model_detail, name="model"),
    path(BASE + "mission/", views.mission, name="mission"),
    path(BASE + "mission/<uuid:part>/archive/", views.mission_archive, name="mission_archive"),
    path(BASE + "engagements/<uuid:engagement>/goal/", views.goal_new, name="goal_new"),
    path(GOAL, views.goal_detail, name="goal"),
    path(GOAL + "behaviours/<uuid:behaviour>/", views.behaviour_revise, name="behaviour_revise"),
    path(GOAL + "experiments/", views.experiment_add, name="experiment_add"),
    path(
        GOAL + "experiments/<uuid:experiment>/",
        views.experiment_conclude,
        name="experiment_conclude",
    ),
    path(BASE + "decisions/new/", views.decision_new, name="decision_new"),
    path(BASE + "sessions/<uuid:session>/mission/", views.session_mission, name="session_mission"),
    path(BASE + "decisions/<uuid:decision>/", views.decision_detail, name="decision"),
    path(
        BASE + "decisions/<uuid:decision>/revisit/", views.decision_revisit, name="decision_revisit"
    ),
]
