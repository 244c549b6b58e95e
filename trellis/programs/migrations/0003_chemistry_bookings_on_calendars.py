"""Chemistry conversations booked before scheduling 0005 onto the calendars.

Before scheduling 0005 a chemistry booking was a plain `Booking` (no purpose, title or link), so
the calendars and feeds, which show held slots by their purpose, left it out and it counted as a
session's booking. Each booking an enrolment points to (`Enrolment.chemistry_booking`) becomes
what `programs.chemistry.chemistry_book` writes today: purpose "chemistry", the title
"Chemistry conversation: <person> and <coach>" and the program's page as its link (the feed's UID,
`chemistry-<uuid>@trellis`, is the one its invitation carried). One that is no longer active was
cancelled at an unknown time: it gets its booking time as `cancelled_at`, so the calendars show
it as cancelled. Bookings already carrying a purpose are left alone; running it twice changes
nothing. Going back leaves the data as it is (the fields are dropped by scheduling 0005's reverse).
"""

from django.db import migrations
from django.urls import reverse

KIND = "chemistry"


def _name(user) -> str:  # User.display_name, which historical models do not have
    return user.name or user.email


def chemistry_onto_calendars(apps, schema_editor) -> None:
    Enrolment = apps.get_model("programs", "Enrolment")
    Booking = apps.get_model("scheduling", "Booking")
    enrolments = (
        Enrolment.objects.filter(chemistry_booking__isnull=False, chemistry_booking__purpose="")
        .select_related(
            "program__org",
            "member__user",
            "chemistry_booking__coach__user",
        )
        .order_by("pk")
    )
    for enrolment in enrolments.iterator(chunk_size=500):
        booking = enrolment.chemistry_booking
        program = enrolment.program
        booking.purpose = KIND
        booking.title = (
            f"Chemistry conversation: {_name(enrolment.member.user)} "
            f"and {_name(booking.coach.user)}"
        )[:200]
        booking.link = reverse("programs:detail", args=[program.org.slug, program.slug])
        fields = ["purpose", "title", "link"]
        if not booking.is_active and booking.cancelled_at is None:
            booking.cancelled_at = booking.created_at
            fields.append("cancelled_at")
        Booking.objects.filter(pk=booking.pk).update(**{f: getattr(booking, f) for f in fields})


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0002_enrolment_chemistry_booking"),
        ("scheduling", "0005_booking_held_slots"),
    ]

    operations = [
        migrations.RunPython(chemistry_onto_calendars, migrations.RunPython.noop, elidable=False),
    ]
