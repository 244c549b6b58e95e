from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "trellis.leadership"
    label = "leadership"
