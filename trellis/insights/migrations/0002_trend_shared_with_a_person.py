# Consent to see the language trend goes to a named coach, not to "my coach" as a role.

import django.db.models.deletion
from django.db import migrations, models


def name_the_coach(apps, schema_editor):
    """A trend shared "with my coach" goes to the coach of that time when there was exactly one;
    with several coaches nobody can tell whom the coachee meant, so it is shared with nobody."""
    LanguagePreference = apps.get_model("insights", "LanguagePreference")
    Engagement = apps.get_model("engagements", "Engagement")
    for preference in LanguagePreference.objects.filter(share_language_trend_with_coach=True):
        coaches = set(
            Engagement.objects.filter(coachee_id=preference.member_id)
            .exclude(status="ended")
            .values_list("coach_id", flat=True)
        )
        if len(coaches) == 1:
            preference.trend_shared_with_id = coaches.pop()
            preference.save(update_fields=["trend_shared_with"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("engagements", "0002_coaching_sessions"),
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="languagepreference",
            name="trend_shared_with",
            field=models.ForeignKey(
                blank=True,
                help_text="The coach you name sees the weekly share, never the words themselves. A coach you start working with later sees nothing until you name them.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="accounts.membership",
                verbose_name="Let this coach see my language trend",
            ),
        ),
        migrations.RunPython(name_the_coach, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="languagepreference",
            name="share_language_trend_with_coach",
        ),
    ]
