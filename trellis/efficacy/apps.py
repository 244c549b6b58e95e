from django.apps import AppConfig


class EfficacyConfig(AppConfig):
    name = "trellis.efficacy"
    label = "efficacy"
