from django.apps import AppConfig


class InstructionalConfig(AppConfig):
    name = "trellis.instructional"
    label = "instructional"
