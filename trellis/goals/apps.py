from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "trellis.goals"
    label = "goals"
