from django.urls import path

from trellis.goals import views

app_name = "goals"

ORG = "o/<slug:slug>/"
ENGAGEMENT = ORG + "engagements/<uuid:engagement_uuid>/"
GOAL = ORG + "goals/<uuid:goal_uuid>/"
ACTION = ORG + "actions/<uuid:action_uuid>/"

urlpatterns = [
    path(ORG + "plan/", views.my_plan, name="my_plan"),
    path(ORG + "plan.csv", views.my_plan_csv, name="my_plan_csv"),
    path(ORG + "plan/review/", views.my_review, name="my_review"),
    path(ORG + "plans/", views.plans, name="plans"),
    path(ENGAGEMENT + "plan/", views.engagement_plan, name="engagement_plan"),
    path(ENGAGEMENT + "plan.csv", views.engagement_plan_csv, name="engagement_plan_csv"),
    path(ENGAGEMENT + "plan/review/", views.engagement_review, name="engagement_review"),
    path(ORG + "goals/new/", views.goal_new, name="goal_new"),
    path(ORG + "goals/smart-check/", views.smart_check, name="smart_check"),
    path(ORG + "goals/aligned/", views.aligned, name="aligned"),
    path(GOAL, views.goal_detail, name="goal_detail"),
    path(GOAL + "edit/", views.goal_edit, name="goal_edit"),
    path(GOAL + "history/", views.goal_history, name="goal_history"),
    path(GOAL + "feedback/", views.goal_feedback, name="goal_feedback"),
    path(GOAL + "actions/new/", views.action_new, name="action_new"),
    path(ACTION, views.action_detail, name="action_detail"),
    path(ACTION + "edit/", views.action_edit, name="action_edit"),
    path(ACTION + "check-in/", views.check_in, name="check_in"),
    path(ORG + "reviews/<uuid:review_uuid>/", views.review_detail, name="review_detail"),
]
