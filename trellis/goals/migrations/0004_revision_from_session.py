"""A goal or action a finished session made read "From a GROW session" in its history, in English.
That reason is Trellis's: it moves into `params` (because "session", the framework's key) and is
shown in the reader's language (Revision.why_shown). Reversing it writes the English words back."""

import re

from django.db import migrations

FROM_SESSION = re.compile(r"From a (\S+) session")
CHUNK = 1000


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Revision = apps.get_model("goals", "Revision")
    found = Revision.objects.filter(
        kind="created", why__startswith="From a ", why__endswith=" session"
    )
    ids = list(found.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        done = []
        for r in Revision.objects.filter(pk__in=ids[start : start + CHUNK]):
            match = FROM_SESSION.fullmatch(r.why)
            if match is not None and not r.params.get("because"):
                r.why, r.params = "", {**r.params, "because": "session", "framework": match[1]}
                done.append(r)
        Revision.objects.bulk_update(done, ["why", "params"])


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Revision = apps.get_model("goals", "Revision")
    rows = list(Revision.objects.filter(kind="created", params__because="session"))
    for r in rows:
        framework = r.params.get("framework", "")
        r.params = {k: v for k, v in r.params.items() if k not in ("because", "framework")}
        r.why = " ".join(part for part in (f"From a {framework} session", r.why) if part)
    Revision.objects.bulk_update(rows, ["why", "params"])


class Migration(migrations.Migration):
    dependencies = [("goals", "0003_revision_params")]

    operations = [migrations.RunPython(forwards, backwards)]
