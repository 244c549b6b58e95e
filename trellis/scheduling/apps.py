from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "trellis.scheduling"
    label = "scheduling"

    def ready(self) -> None:
        # an engagement's change of coach or sponsor moves its future calendar (handover.py)
        from trellis.engagements.signals import people_changed, place_accepted, place_left
        from trellis.scheduling.services.handover import (
            on_people_changed,
            on_place_accepted,
            on_place_left,
        )

        people_changed.connect(on_people_changed, dispatch_uid="scheduling.handover")
        # a member who says yes later gets the group's series already on the calendar
        place_accepted.connect(on_place_accepted, dispatch_uid="scheduling.place_accepted")
        # and one who leaves has them taken off (a cancellation)
        place_left.connect(on_place_left, dispatch_uid="scheduling.place_left")
