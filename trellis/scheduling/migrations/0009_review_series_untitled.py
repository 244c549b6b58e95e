"""A review cadence's sessions were titled "Review" in English; untitled, they show the kind's
name, "Review", in the reader's language (SessionSeries.summary). Reversible."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    SessionSeries = apps.get_model("scheduling", "SessionSeries")
    SessionSeries.objects.filter(kind="review", title="Review").update(title="")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    SessionSeries = apps.get_model("scheduling", "SessionSeries")
    SessionSeries.objects.filter(kind="review", title="").update(title="Review")


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0008_career_events_newest_first")]

    operations = [migrations.RunPython(forwards, backwards)]
