"""A program's cohort is a foreign key, not a name to match.

Existing administrations are carried over: first through the program's own record of what it sent
(ProgramInstrument.administration), then, for a cohort administration sent by hand, by the name the
program gave its cohort ("<program name> (<starts on>)", optionally followed by the moment) in the
same organization. An administration whose name matches no program, or several, keeps no program
(and its name, as before); nothing is deleted.
"""

import django.db.models.deletion
from django.db import migrations, models


def carry_over(apps, schema_editor):
    Administration = apps.get_model("instruments", "Administration")
    Program = apps.get_model("programs", "Program")
    ProgramInstrument = apps.get_model("programs", "ProgramInstrument")
    for sent in ProgramInstrument.objects.exclude(administration=None).iterator():
        Administration.objects.filter(pk=sent.administration_id).update(program_id=sent.program_id)
    names: dict[tuple[int, str], list[int]] = {}
    for program in Program.objects.all().iterator():
        cohort = f"{program.name} ({program.starts_on:%Y-%m-%d})"
        names.setdefault((program.org_id, cohort), []).append(program.pk)
    if not names:
        return
    loose = Administration.objects.filter(target="cohort", program=None).exclude(cohort="")
    for administration in loose.iterator():
        found = {
            pk
            for (org_id, cohort), pks in names.items()
            if org_id == administration.org_id
            and (administration.cohort == cohort or administration.cohort.startswith(cohort + " "))
            for pk in pks
        }
        if len(found) == 1:
            administration.program_id = found.pop()
            administration.save(update_fields=["program"])


class Migration(migrations.Migration):
    dependencies = [
        ("instruments", "0001_initial"),
        ("programs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="administration",
            name="program",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="administrations",
                to="programs.program",
            ),
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
    ]
