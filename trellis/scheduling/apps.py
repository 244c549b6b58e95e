from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "trellis.scheduling"
    label = "scheduling"

    def ready(self) -> None:
        # an engagement's change of coach or sponsor moves its future calendar (handover.py)
        from trellis.engagements.signals import people_changed
        from trellis.scheduling.services.handover import on_people_changed

        people_changed.connect(on_people_changed, dispatch_uid="scheduling.handover")
