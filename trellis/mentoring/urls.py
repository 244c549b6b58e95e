from django.urls import path

from trellis.mentoring import views

app_name = "mentoring"

P = "o/<slug:slug>/mentoring/<slug:program>/"

urlpatterns = [
    path("o/<slug:slug>/mentoring/", views.program_list, name="list"),
    path("o/<slug:slug>/mentoring/new/", views.setup_new, name="setup_new"),
    path(P, views.program_page, name="program"),
    path(P + "setup/", views.setup_edit, name="setup"),
    path(P + "status/", views.run_status, name="status"),
    path(P + "enrol/", views.enrol, name="enrol"),
    path(P + "answers/", views.answers, name="answers"),
    path(P + "people/", views.enrol_people, name="enrol_people"),
    path(P + "run/", views.run, name="run"),
    path(P + "publish/", views.publish, name="publish"),
    path(P + "circles/", views.circles, name="circles"),
    path(P + "request/", views.request_partner, name="request"),
    path(P + "health.csv", views.health_csv, name="health_csv"),
    path(P + "pairs/<uuid:pair>/review/", views.review, name="review"),
    path(P + "pairs/<uuid:pair>/answer/", views.answer, name="answer"),
    path(P + "pairs/<uuid:pair>/end/", views.end, name="end"),
    path(P + "people/<uuid:enrolment>/rematch/", views.rematch, name="rematch"),
]
