from django.urls import path

from trellis.scim import bulk, views

app_name = "scim"

urlpatterns = [
    path("scim/v2/<slug:slug>/", views.root, name="root"),
    path("scim/v2/<slug:slug>/.search", views.root_dot_search, name="search"),
    path("scim/v2/<slug:slug>/ServiceProviderConfig", views.config, name="config"),
    path("scim/v2/<slug:slug>/Users", views.users, name="users"),
    path("scim/v2/<slug:slug>/Users/.search", views.users_dot_search, name="users_search"),
    path("scim/v2/<slug:slug>/Users/<str:member_id>", views.user, name="user"),
    path("scim/v2/<slug:slug>/Groups", views.groups, name="groups"),
    path("scim/v2/<slug:slug>/Groups/.search", views.groups_dot_search, name="groups_search"),
    path("scim/v2/<slug:slug>/Groups/<str:group_id>", views.group, name="group"),
    path("scim/v2/<slug:slug>/Bulk", bulk.bulk, name="bulk"),
    path("scim/v2/<slug:slug>/Schemas", views.schemas, name="schemas"),
    path("scim/v2/<slug:slug>/Schemas/<str:key>", views.schema, name="schema"),
    path("scim/v2/<slug:slug>/ResourceTypes", views.resource_types, name="resource_types"),
    path("scim/v2/<slug:slug>/ResourceTypes/<str:key>", views.resource_type, name="resource_type"),
    path("scim/v2/<slug:slug>/<path:rest>", views.unknown, name="unknown"),
    path("o/<slug:slug>/scim/", views.tokens, name="tokens"),
    path("o/<slug:slug>/scim/<uuid:token_uuid>/revoke/", views.token_revoke, name="token_revoke"),
]
