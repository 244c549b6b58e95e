from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "trellis.web"
    label = "web"

    def ready(self) -> None:
        from trellis.scheduling.services import reminders
        from trellis.web import (
            checks,  # noqa: F401  (registers the deploy checks)
            choices,
            postgres,
        )
        from trellis.web.services.digest import digest_pass

        postgres.install()  # timestamps read by psycopg's C parser on PostgreSQL
        choices.install()  # choice labels looked up once per language, not rebuilt per call
        # every reminder pass of the worker also sends the home digests that are due
        if digest_pass not in reminders.AFTER_PASS:
            reminders.AFTER_PASS.append(digest_pass)
