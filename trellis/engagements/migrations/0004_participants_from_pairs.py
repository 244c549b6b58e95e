"""Existing 1:1 engagements get participant rows from their coach, coachee and sponsor.

They were agreed before lifecycles existed, so every place counts as accepted (a sponsor also as
approved by the coachee) and one history row says where the engagement came from. Reversing it
removes the rows it made; the coach, coachee and sponsor columns were never changed.
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Engagement = apps.get_model("engagements", "Engagement")
    Participant = apps.get_model("engagements", "EngagementParticipant")
    Transition = apps.get_model("engagements", "EngagementTransition")
    rows = []
    history = []
    for engagement in Engagement.objects.all().iterator(chunk_size=2000):
        at = engagement.created_at
        places = [("lead_coach", engagement.coach_id), ("coachee", engagement.coachee_id)]
        if engagement.sponsor_id:
            places.append(("sponsor", engagement.sponsor_id))
        for role, member_id in places:
            rows.append(
                Participant(
                    engagement_id=engagement.pk,
                    member_id=member_id,
                    role=role,
                    acceptance="accepted",
                    responded_at=at,
                    coachee_approved_at=at if role == "sponsor" else None,
                    added_at=at,
                )
            )
        history.append(
            Transition(
                engagement_id=engagement.pk,
                action="migrated",
                from_status="",
                to_status=engagement.status,
                at=at,
                reason="Carried over from the 1:1 engagement it was before lifecycles.",
            )
        )
        if len(rows) >= 2000:
            Participant.objects.bulk_create(rows)
            Transition.objects.bulk_create(history)
            rows, history = [], []
    Participant.objects.bulk_create(rows)
    Transition.objects.bulk_create(history)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("engagements", "EngagementParticipant").objects.all().delete()
    apps.get_model("engagements", "EngagementTransition").objects.filter(action="migrated").delete()


class Migration(migrations.Migration):
    dependencies = [("engagements", "0003_lifecycle")]

    operations = [migrations.RunPython(forwards, backwards)]
