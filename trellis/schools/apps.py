from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "trellis.schools"
    label = "schools"
    verbose_name = "Schools and professional learning"
