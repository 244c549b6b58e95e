from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "trellis.groups"
    label = "groups"
