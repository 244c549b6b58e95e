from django.urls import path

from trellis.instructional import views, visit_views

app_name = "instructional"

BASE = "o/<slug:slug>/instructional/"
CYCLE = BASE + "cycles/<uuid:cycle>/"
VISIT = BASE + "visits/<uuid:visit>/"

urlpatterns = [
    path(BASE, views.cycle_list, name="list"),
    path(BASE + "start/", views.cycle_start, name="start"),
    path(BASE + "rubrics/", views.rubric_list, name="rubrics"),
    path(BASE + "rubrics/import/", views.rubric_import, name="rubric_import"),
    path(CYCLE, views.cycle_detail, name="cycle"),
    path(CYCLE + "save/<slug:section>/", views.cycle_save, name="cycle_save"),
    path(CYCLE + "peers/", views.peers, name="peers"),
    path(CYCLE + "stage/", views.stage, name="stage"),
    path(CYCLE + "checks/", views.check_add, name="check_add"),
    path(CYCLE + "share/", views.share, name="share"),
    path(CYCLE + "visits/", views.visit_add, name="visit_add"),
    path(VISIT, visit_views.visit_detail, name="visit"),
    path(VISIT + "edit/", visit_views.visit_edit, name="visit_edit"),
    path(VISIT + "checklist/", visit_views.visit_checklist, name="visit_checklist"),
    path(VISIT + "notes/", visit_views.note_save, name="note_save"),
    path(VISIT + "ratings/", visit_views.rating_save, name="rating_save"),
    path(VISIT + "tallies/", visit_views.tally_add, name="tally_add"),
    path(VISIT + "debrief/", visit_views.debrief, name="debrief"),
]
