from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "trellis.stakeholders"
    label = "stakeholders"
