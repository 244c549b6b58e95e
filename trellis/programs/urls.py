from django.urls import path

from trellis.programs import chemistry_views, track_views, views

app_name = "programs"

urlpatterns = [
    path("o/<slug:slug>/programs/", views.program_list, name="list"),
    path("o/<slug:slug>/programs/new/", views.program_new, name="new"),
    path("o/<slug:slug>/programs/templates/", views.template_list, name="templates"),
    path("o/<slug:slug>/programs/<slug:program>/", views.program_detail, name="detail"),
    path("o/<slug:slug>/programs/<slug:program>/enrol/", views.program_enrol, name="enrol"),
    path("o/<slug:slug>/programs/<slug:program>/choose/", views.enrolment_choose, name="choose"),
    path(
        "o/<slug:slug>/programs/<slug:program>/language-insight/",
        track_views.language_insight,
        name="language_insight",
    ),
    path(
        "o/<slug:slug>/programs/<slug:program>/chemistry/cancel/",
        chemistry_views.chemistry_cancel,
        name="chemistry_cancel",
    ),
    path(
        "o/<slug:slug>/programs/<slug:program>/chemistry/<uuid:coach>/",
        chemistry_views.chemistry_book,
        name="chemistry",
    ),
]
