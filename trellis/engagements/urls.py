from django.urls import path

from trellis.engagements import kinds_views, lifecycle_views, notes_views, views

app_name = "engagements"

SESSION = "o/<slug:slug>/sessions/<uuid:session_uuid>/"
ENGAGEMENT = "o/<slug:slug>/engagements/<uuid:engagement_uuid>/"

urlpatterns = [
    path("o/<slug:slug>/engagements/", views.engagement_list, name="list"),
    path("o/<slug:slug>/engagements/new/", views.engagement_new, name="new"),
    path(
        "o/<slug:slug>/engagements/new/<str:kind>/",
        kinds_views.engagement_propose,
        name="propose",
    ),
    path(
        "o/<slug:slug>/engagements/<uuid:engagement_uuid>/", views.engagement_detail, name="detail"
    ),
    path(
        "o/<slug:slug>/engagements/<uuid:engagement_uuid>/sessions/new/",
        views.session_start,
        name="session_start",
    ),
    path(ENGAGEMENT + "accept/", lifecycle_views.engagement_accept, name="accept"),
    path(ENGAGEMENT + "decline/", lifecycle_views.engagement_decline, name="decline"),
    path(ENGAGEMENT + "pause/", lifecycle_views.engagement_pause, name="pause"),
    path(ENGAGEMENT + "resume/", lifecycle_views.engagement_resume, name="resume"),
    path(ENGAGEMENT + "end/", lifecycle_views.engagement_end, name="end"),
    path(ENGAGEMENT + "reopen/", lifecycle_views.engagement_reopen, name="reopen"),
    path(ENGAGEMENT + "leave/", lifecycle_views.engagement_leave, name="leave"),
    path(
        ENGAGEMENT + "people/<str:who>/",
        lifecycle_views.engagement_change_person,
        name="change_person",
    ),
    path(ENGAGEMENT + "invite/", kinds_views.engagement_invite, name="invite"),
    path(ENGAGEMENT + "rotation/", kinds_views.engagement_rotation, name="rotation"),
    path(ENGAGEMENT + "agreement/", lifecycle_views.agreement_edit, name="agreement"),
    path(
        ENGAGEMENT + "agreement/accept/",
        lifecycle_views.agreement_accept,
        name="agreement_accept",
    ),
    path(ENGAGEMENT + "closing-review/", lifecycle_views.closing_review, name="closing_review"),
    path("o/<slug:slug>/sessions/", views.session_list, name="sessions"),
    path("o/<slug:slug>/sessions/self/", views.session_self_start, name="session_self_start"),
    path(SESSION, views.session_detail, name="session"),
    path(SESSION + "move/", views.session_move, name="session_move"),
    path(SESSION + "answers/", views.session_answers, name="session_answers"),
    path(SESSION + "draft/", views.session_draft, name="session_draft"),
    path(SESSION + "reply/", views.session_reply, name="session_reply"),
    path(SESSION + "feedback/", views.session_feedback, name="session_feedback"),
    path(SESSION + "finish/", views.session_finish, name="session_finish"),
    path(SESSION + "notes/", notes_views.session_note_create, name="session_note_create"),
    path(
        SESSION + "notes/<uuid:note_uuid>/sponsor/",
        notes_views.session_note_sponsor,
        name="session_note_sponsor",
    ),
    path(SESSION + "summary/", notes_views.session_summary, name="session_summary"),
    path(SESSION + "export.md", notes_views.session_export, name="session_export"),
]
