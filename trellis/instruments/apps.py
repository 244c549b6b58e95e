from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "trellis.instruments"
    label = "instruments"

    def ready(self) -> None:
        # the outbox skips an instrument's reminder once its respondent answered or it closed
        from trellis.instruments.services import reminder_stale
        from trellis.scheduling.services import outbox

        outbox.STALE_CHECKS.setdefault("instrument", reminder_stale)
