from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "trellis.engagements"
    label = "engagements"
