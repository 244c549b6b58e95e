from django.urls import path

from trellis.groups import sales_views, views

app_name = "groups"

GROUP = "o/<slug:slug>/groups/<uuid:group>/"
DEAL = "o/<slug:slug>/deals/<uuid:deal>/"

urlpatterns = [
    path("o/<slug:slug>/groups/", views.group_list, name="list"),
    path(GROUP, views.group_detail, name="detail"),
    path(GROUP + "items/", views.item_add, name="item_add"),
    path(GROUP + "items/<uuid:item>/visibility/", views.item_visibility, name="item_visibility"),
    path(GROUP + "items/<uuid:item>/comments/", views.comment_add, name="comment_add"),
    path(GROUP + "items/<uuid:item>/delete/", views.item_delete, name="item_delete"),
    path(GROUP + "items/<uuid:item>/goal/", views.item_goal, name="item_goal"),
    path(
        GROUP + "items/<uuid:item>/comments/<uuid:comment>/delete/",
        views.comment_delete,
        name="comment_delete",
    ),
    path("o/<slug:slug>/deals/", sales_views.deal_list, name="deals"),
    path("o/<slug:slug>/deals/pipeline/", sales_views.pipeline, name="pipeline"),
    path(DEAL, sales_views.deal_detail, name="deal"),
    path(DEAL + "share/", sales_views.deal_share, name="deal_share"),
]
