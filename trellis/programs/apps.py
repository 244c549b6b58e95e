from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "trellis.programs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from trellis.programs.event_sessions import track_event_session
        from trellis.scheduling.services import events

        # a track's career events open its event-driven sessions (docs/programs.md)
        if track_event_session not in events.ON_LOG:
            events.ON_LOG.append(track_event_session)
