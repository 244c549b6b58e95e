from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "trellis.scheduling"
    label = "scheduling"
