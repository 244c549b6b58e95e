from django.urls import path

from trellis.efficacy import views

app_name = "efficacy"

ORG = "o/<slug:slug>/"
PROGRAM = ORG + "programs/<slug:program>/confidence/"

urlpatterns = [
    path(ORG + "confidence/", views.mine, name="mine"),
    path(ORG + "confidence/wins/", views.win_add, name="win_add"),
    path(ORG + "confidence/mood/", views.mood_add, name="mood_add"),
    path(ORG + "confidence/hint/", views.hint, name="hint"),
    path(ORG + "peer-coaching/guide/", views.guide, name="guide"),
    path(PROGRAM, views.program_page, name="program"),
    path(PROGRAM + "stories/", views.story_add, name="story_add"),
    path(PROGRAM + "notes/", views.note_send, name="note_send"),
    path(ORG + "stories/<uuid:story>/review/", views.story_review, name="story_review"),
]
