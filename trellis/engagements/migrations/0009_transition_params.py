"""An engagement's history is stored as codes and people, and put into words when shown.

Until now a change's `detail` was written in words ("Lead coach: Alice; Coachee: Bob", "Alice ->
Marcus", "Erin, coachee"), in English or in the language of whoever made the change, and two
reasons Trellis gave were English sentences. This migration reads each such row into `params`
(the roles and the people's membership UUIDs, or a reason's code) so it reads in everyone's own
language (trellis/engagements/history.py). A name is looked up among the engagement's people (and
who made the change); a row with a name that is not found, or found twice, or with words it does
not recognise keeps its `detail` and is shown as stored. Reversing it writes the English words
back from `params`.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import translation

ROLE_LABELS = {
    "lead_coach": "Lead coach",
    "co_coach": "Co-coach",
    "coachee": "Coachee",
    "sponsor": "Sponsor",
    "observer": "Observer",
}
PLACES = ("propose", "accept", "decline", "place_accepted", "place_declined")
BECAUSE = {
    ("accept", "Chose this coach from the program's pool."): "pool",
    ("migrated", "Carried over from the 1:1 engagement it was before lifecycles."): "carried_over",
}
CHUNK = 1000


def _labels() -> dict[str, str]:
    """Every role label a detail may hold, in any shipped language, to its role."""
    found = {"Coachees": "coachee"}  # a program's bulk opening wrote the plural
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for role, label in ROLE_LABELS.items():
                found.setdefault(translation.gettext(label), role)
    return found


class People:
    """The names of one engagement's people (and who changed it) to their membership UUIDs."""

    def __init__(self, apps, engagement_id: int) -> None:  # type: ignore[no-untyped-def]
        Participant = apps.get_model("engagements", "EngagementParticipant")
        self.engagement_id = engagement_id
        self.by_name: dict[str, str | None] = {}
        self.seen: set[int] = set()
        places = Participant.objects.filter(engagement_id=engagement_id)
        for p in places.select_related("member__user"):
            self.add(p.member)

    def add(self, member) -> None:  # type: ignore[no-untyped-def]
        if member is None or member.pk in self.seen:
            return
        self.seen.add(member.pk)
        name = member.user.name or member.user.email
        self.by_name[name] = None if name in self.by_name else str(member.uuid)  # twice: unsure

    def uuid(self, name: str) -> str:
        found = self.by_name.get(name)
        if found is None:
            raise LookupError(name)
        return found


def _places(detail: str, labels: dict[str, str], people: People) -> list[list[str]]:
    places = []
    for part in detail.split("; "):
        label, sep, names = part.partition(": ")
        if not sep or label not in labels:
            raise LookupError(part)
        every = names.split(", ") if label == "Coachees" else [names]
        places += [[labels[label], people.uuid(name)] for name in every]
    return places


def _params(action: str, detail: str, labels: dict[str, str], people: People) -> dict:
    """The params a detail stands for; LookupError when it cannot be read for sure."""
    if action in PLACES:
        return {"places": _places(detail, labels, people)}
    if action == "invite" and detail.endswith(" (invited)"):
        return {"places": _places(detail.removesuffix(" (invited)"), labels, people)}
    if action in ("change_coach", "change_sponsor"):
        old, sep, new = detail.partition(" -> ")
        if not sep:
            raise LookupError(detail)

        def named(text: str) -> list[str]:
            if action == "change_sponsor" and text == "no sponsor":
                return []
            every = text.split(", ") if action == "change_sponsor" else [text]
            return [people.uuid(name) for name in every]

        return {"from": named(old), "to": named(new)}
    if action == "rotation":
        return {"order": [people.uuid(name) for name in detail.split(" -> ")]}
    if action == "leave":
        name, sep, role = detail.rpartition(", ")
        roles = {label.lower(): role for role, label in ROLE_LABELS.items()}
        if not sep or role not in roles:
            raise LookupError(detail)
        return {"places": [[roles[role], people.uuid(name)]]}
    raise LookupError(detail)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Transition = apps.get_model("engagements", "EngagementTransition")
    labels = _labels()
    wanted = ~models.Q(detail="") | models.Q(reason__in=[reason for _a, reason in BECAUSE])
    ids = list(
        Transition.objects.filter(wanted)
        .order_by("engagement_id", "pk")
        .values_list("pk", flat=True)
    )
    people = None
    for start in range(0, len(ids), CHUNK):
        rows = Transition.objects.filter(pk__in=ids[start : start + CHUNK]).select_related(
            "by__user"
        )
        done = []
        for t in rows.order_by("engagement_id", "pk"):
            params = {}
            because = BECAUSE.get((t.action, t.reason))
            if because:
                params["because"] = because
                t.reason = ""
            if t.detail:
                if people is None or people.engagement_id != t.engagement_id:
                    people = People(apps, t.engagement_id)
                people.add(t.by)
                try:
                    params |= _params(t.action, t.detail, labels, people)
                    t.detail = ""
                except LookupError:
                    pass  # kept as stored, and shown so
            if params:
                t.params = params
                done.append(t)
        Transition.objects.bulk_update(done, ["params", "detail", "reason"])


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Transition = apps.get_model("engagements", "EngagementTransition")
    Membership = apps.get_model("accounts", "Membership")
    reasons = {code: reason for (_action, reason), code in BECAUSE.items()}
    lower = {role: label.lower() for role, label in ROLE_LABELS.items()}
    ids = [pk for pk, params in Transition.objects.values_list("pk", "params") if params]
    for start in range(0, len(ids), CHUNK):
        rows = list(Transition.objects.filter(pk__in=ids[start : start + CHUNK]))
        uuids = set()
        for t in rows:
            uuids |= {u for _role, u in t.params.get("places", [])}
            uuids |= {*t.params.get("from", []), *t.params.get("to", [])}
            uuids |= set(t.params.get("order", []))
        people = Membership.objects.filter(uuid__in=uuids).select_related("user")
        names = {str(m.uuid): m.user.name or m.user.email for m in people}
        for t in rows:
            params = t.params
            if t.action == "leave" and params.get("places"):
                role, u = params["places"][0]
                t.detail = f"{names.get(u, '?')}, {lower.get(role, role)}"
            elif "places" in params:
                t.detail = "; ".join(
                    f"{ROLE_LABELS.get(role, role)}: {names.get(u, '?')}"
                    for role, u in params["places"]
                )
            elif "from" in params:
                old = ", ".join(names.get(u, "?") for u in params["from"]) or "no sponsor"
                new = ", ".join(names.get(u, "?") for u in params["to"]) or "no sponsor"
                t.detail = f"{old} -> {new}"
            elif "order" in params:
                t.detail = " -> ".join(names.get(u, "?") for u in params["order"])
            t.detail = t.detail[:300]
            t.reason = reasons.get(params.get("because"), t.reason)
        Transition.objects.bulk_update(rows, ["detail", "reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("engagements", "0008_engagement_org_newest"),
    ]

    operations = [
        migrations.AddField(
            model_name="engagementtransition",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AlterField(
            model_name="engagementtransition",
            name="detail",
            field=models.CharField(
                blank=True,
                help_text="Who changed places, in words: rows written before params, shown as stored.",
                max_length=300,
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
