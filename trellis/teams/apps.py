from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "trellis.teams"
    label = "teams"
