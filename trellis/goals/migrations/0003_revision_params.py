"""A revision's `why` keeps what people typed; Trellis's own words go in `params`, shown in the
reader's language (Revision.why_shown).

Until now a check-in's revision read "<note> Blockers: <blockers>", a review's score "Scored +1:
<the goal's words or the level's English name>", and two goals made by Trellis "Added at a review"
and "Made from a goal written in a group", all in English. This migration moves each into
`params`; a `why` it does not recognise stays as it is (a person typed it). Reversing it writes
the English words back.
"""

import re

from django.db import migrations, models

LEVEL_NAMES = {
    -2: "much less than expected",
    -1: "somewhat less than expected",
    0: "the expected outcome",
    1: "somewhat more than expected",
    2: "much more than expected",
}
BECAUSE = {"Added at a review": "review", "Made from a goal written in a group": "group"}
SCORED = re.compile(r"Scored ([+-][12]|0): (.*)", re.DOTALL)
BLOCKERS = "Blockers: "
CHUNK = 1000


def _read(kind: str, why: str) -> tuple[str, dict] | None:
    """(why as typed, params) for a why Trellis wrote words into; None for one a person typed."""
    if kind == "check_in" and BLOCKERS in why:
        if why.startswith(BLOCKERS):
            return "", {"blockers": why.removeprefix(BLOCKERS)}
        note, sep, blockers = why.partition(" " + BLOCKERS)
        return (note, {"blockers": blockers}) if sep else None
    if kind == "reviewed":
        found = SCORED.fullmatch(why)
        if found is None:
            return None
        score, level = int(found[1]), found[2]
        return "", {"score": score, "level": "" if level == LEVEL_NAMES[score] else level}
    if kind == "created" and why in BECAUSE:
        return "", {"because": BECAUSE[why]}
    return None


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Revision = apps.get_model("goals", "Revision")
    wanted = (
        models.Q(kind="check_in", why__contains=BLOCKERS)
        | models.Q(kind="reviewed", why__startswith="Scored ")
        | models.Q(kind="created", why__in=list(BECAUSE))
    )
    ids = list(Revision.objects.filter(wanted).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        done = []
        for r in Revision.objects.filter(pk__in=ids[start : start + CHUNK]):
            read = _read(r.kind, r.why)
            if read is not None:
                r.why, r.params = read
                done.append(r)
        Revision.objects.bulk_update(done, ["why", "params"])


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Revision = apps.get_model("goals", "Revision")
    reasons = {code: why for why, code in BECAUSE.items()}
    ids = [pk for pk, params in Revision.objects.values_list("pk", "params") if params]
    for start in range(0, len(ids), CHUNK):
        rows = list(Revision.objects.filter(pk__in=ids[start : start + CHUNK]))
        for r in rows:
            parts = []
            if r.params.get("because") in reasons:
                parts.append(reasons[r.params["because"]])
            if r.params.get("score") in LEVEL_NAMES:
                score = r.params["score"]
                level = r.params.get("level") or LEVEL_NAMES[score]
                parts.append(f"Scored {score:+d}: {level}" if score else f"Scored 0: {level}")
            if r.why:
                parts.append(r.why)
            if r.params.get("blockers"):
                parts.append(BLOCKERS + r.params["blockers"])
            r.why = " ".join(parts)
        Revision.objects.bulk_update(rows, ["why"])


class Migration(migrations.Migration):
    dependencies = [("goals", "0002_goal_shared_with_a_person")]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(forwards, backwards),
    ]
