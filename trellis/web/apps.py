from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trellis.web"
    label = "web"

    def ready(self) -> None:
        from trellis.web import checks  # noqa: F401  (registers the deploy checks)
