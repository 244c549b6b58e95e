from django.urls import path

from trellis.accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/language/", views.language, name="language"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("o/<slug:slug>/people/", views.people, name="people"),
    path("o/<slug:slug>/people/import/", views.people_import, name="people_import"),
    path("o/<slug:slug>/people/export.csv", views.people_export, name="people_export"),
    path("o/<slug:slug>/people/<uuid:member_uuid>/roles/", views.member_roles, name="member_roles"),
    path("o/<slug:slug>/invitations/", views.invitations, name="invitations"),
    path(
        "o/<slug:slug>/invitations/<uuid:invitation_uuid>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("o/<slug:slug>/audit/", views.audit_log, name="audit"),
    path("o/<slug:slug>/settings/", views.org_settings, name="org_settings"),
    path("o/<slug:slug>/tokens/", views.tokens, name="tokens"),
    path("o/<slug:slug>/tokens/<uuid:token_uuid>/revoke/", views.token_revoke, name="token_revoke"),
]
