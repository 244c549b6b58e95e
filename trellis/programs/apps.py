from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "trellis.programs"
    default_auto_field = "django.db.models.BigAutoField"
