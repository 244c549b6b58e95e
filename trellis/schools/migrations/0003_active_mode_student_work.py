"""A huddle's learning-log entry stored its active mode as the English words "looking at student
work"; it is the `student_work` mode now, shown in the reader's language."""

from django.db import migrations


def forwards(apps, schema_editor):
    activity = apps.get_model("schools", "LearningActivity")
    activity.objects.filter(active_mode="looking at student work").update(
        active_mode="student_work"
    )


def backwards(apps, schema_editor):
    activity = apps.get_model("schools", "LearningActivity")
    activity.objects.filter(active_mode="student_work").update(
        active_mode="looking at student work"
    )


class Migration(migrations.Migration):
    dependencies = [("schools", "0002_learningcommunity_huddle_communitymember")]

    operations = [migrations.RunPython(forwards, backwards)]
