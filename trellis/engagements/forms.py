from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.accounts.forms import MemberChoiceField
from trellis.accounts.models import Membership, Team
from trellis.core.frameworks import KINDS, FieldSpec, KindSpec, Stage
from trellis.engagements.models import SessionNote


class EngagementForm(forms.Form):
    coach = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    coachee = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    sponsor = MemberChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text=_(
            "The manager or HR partner who arranged the coaching (optional). They see attendance, never content."
        ),
    )
    topic = forms.CharField(max_length=200, required=False, label=_("Topic"))

    def __init__(
        self,
        *args: Any,
        coaches: QuerySet[Membership],
        coachees: QuerySet[Membership],
        sponsors: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("coach", coaches), ("coachee", coachees), ("sponsor", sponsors)):
            field = self.fields[name]
            assert isinstance(field, MemberChoiceField)
            field.queryset = queryset


# -- coaching sessions ---------------------------------------------------------------------------

STYLE_CHOICES = [
    ("non-directive", "Non-directive: ask (the default)"),
    ("dialogical", "Dialogical: offer ideas with permission"),
    ("directive", "Directive: suggest, advise, instruct"),
]


class SessionStartForm(forms.Form):
    framework_key = forms.ChoiceField(label=_("Framework"))
    style = forms.ChoiceField(choices=STYLE_CHOICES, initial="non-directive")
    topic = forms.CharField(max_length=200, required=False, label=_("Topic (optional)"))

    def __init__(self, *args: Any, frameworks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework_key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = frameworks


class NoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Your note"))
    visibility = forms.ChoiceField(
        choices=SessionNote.Visibility.choices, widget=forms.RadioSelect, initial="shared"
    )

    def __init__(self, *args: Any, private_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not private_allowed:
            field = self.fields["visibility"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(SessionNote.Visibility.SHARED, "Shared with your coach")]
            field.widget = forms.HiddenInput()


# -- a stage's answers as form fields, generated from what the stage produces ---------------------

BLANK_ROWS = 2
LONG_FIELDS = {
    "text",
    "feelings",
    "know_how",
    "resources",
    "already_happening",
    "better",
    "adjust",
}  # empty rows offered under a list answer (options, actions)


@dataclass
class FieldBox:
    """One input: its HTML name, the engine's path for errors, and what to show."""

    name: str
    path: str
    label: str
    type: str
    value: Any
    required: bool
    low: int | None
    high: int | None
    errors: list[str]
    long: bool = False  # free text that needs room


@dataclass
class KindBox:
    key: str
    label: str
    many: bool
    awaited: bool  # the stage is not done until it is answered
    rows: list[list[FieldBox]]
    errors: list[str]


def stage_fields(
    stage: Stage,
    *,
    prefill: Mapping[str, Mapping[str, Any] | None],
    data: QueryDict | None = None,
    errors: Mapping[str, list[str]] | None = None,
) -> list[KindBox]:
    """Boxes for every kind the stage accepts, filled from what was posted (after an error) or
    from the stored answers."""
    errors = errors or {}
    boxes = []
    for kind in stage.accepts:
        spec = KINDS[kind]
        if data is not None:
            values = _posted_rows(spec, data) or ([] if spec.many else [{}])
        else:
            stored = prefill.get(kind) or {}
            values = list(stored.get("items", [])) if spec.many else [dict(stored)]
        if spec.many:
            values += [{}] * BLANK_ROWS
        rows = [
            [_box(spec, field, index if spec.many else None, row, errors) for field in spec.fields]
            for index, row in enumerate(values)
        ]
        boxes.append(
            KindBox(kind, spec.label, spec.many, kind in stage.produces, rows, errors.get(kind, []))
        )
    return boxes


def _box(
    spec: KindSpec,
    field: FieldSpec,
    index: int | None,
    row: Mapping[str, Any],
    errors: Mapping[str, list[str]],
) -> FieldBox:
    if index is None:
        name, path = f"{spec.key}-{field.name}", f"{spec.key}.{field.name}"
    else:
        name, path = f"{spec.key}-{index}-{field.name}", f"{spec.key}[{index}].{field.name}"
    value = row.get(field.name)
    return FieldBox(
        name=name,
        path=path,
        label=field.label,
        type=field.type,
        value="" if value is None else value,
        required=field.required,
        low=field.low,
        high=field.high,
        errors=errors.get(path, []),
        long=field.name in LONG_FIELDS,
    )


def answers_from_post(stage: Stage, data: QueryDict, answered: Mapping[str, Any]) -> dict[str, Any]:
    """The stage's answers by kind from a posted form. A kind left blank is not sent (a list
    answer is, when the stage had one: emptying it clears it)."""
    answers: dict[str, Any] = {}
    for kind in stage.accepts:
        spec = KINDS[kind]
        rows = _posted_rows(spec, data)
        if spec.many:
            if rows or kind in answered:
                answers[kind] = rows
        elif rows:
            answers[kind] = rows[0]
    return answers


def _posted_rows(spec: KindSpec, data: QueryDict) -> list[dict[str, Any]]:
    """Posted rows that hold something (a ticked box alone does not count)."""
    if spec.many:
        prefix = f"{spec.key}-"
        indexes = sorted(
            {
                int(n.split("-")[-2])
                for n in data
                if n.startswith(prefix) and n.count("-") >= 2 and n.split("-")[-2].isdigit()
            }
        )
        prefixes = [f"{spec.key}-{i}-" for i in indexes]
    else:
        prefixes = [f"{spec.key}-"]
    rows = []
    for prefix in prefixes:
        row: dict[str, Any] = {}
        for field in spec.fields:
            raw = data.get(prefix + field.name, "")
            row[field.name] = bool(raw) if field.type == "bool" else raw.strip()
        if any(row[f.name] for f in spec.fields if f.type != "bool"):
            rows.append(row)
    return rows


# -- lifecycle, contract, closing review ---------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False, label=_("Why (optional)"))


class EndForm(forms.Form):
    reason = forms.CharField(max_length=300, label=_("Why it ends"))
    ended_on = forms.DateField(
        required=False, label=_("End date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PersonChangeForm(forms.Form):
    member = MemberChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", required=False
    )
    reason = forms.CharField(max_length=300, required=False, label=_("Why (optional)"))

    def __init__(self, *args: Any, people: QuerySet[Membership], label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = people
        field.label = label


class AgreementForm(forms.Form):
    goals = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Goals of the engagement"),
    )
    length = forms.CharField(max_length=200, help_text=_("For example: six months, ten sessions."))
    cadence = forms.CharField(max_length=200, help_text=_("For example: every two weeks, an hour."))
    sponsor_sees = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("What the sponsor will see"),
        help_text=_("Only what the confidentiality table allows a sponsor; never session content."),
    )
    confidentiality_limits = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Limits of confidentiality"),
        help_text=_("When the coach would break confidence (for example, a risk of serious harm)."),
    )

    def __init__(self, *args: Any, items: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sponsor_sees"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(items.items())


class ClosingReviewForm(forms.Form):
    what_changed = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    what_next = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, goals: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for uuid, title in goals:
            self.fields[f"score_{uuid}"] = forms.TypedChoiceField(
                label=gettext("GAS score: %(goal)s") % {"goal": title},
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", gettext("Not scored")), *[(str(n), f"{n:+d}") for n in range(-2, 3)]],
            )

    def scores(self) -> dict[str, int | None]:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class EngagementFilterForm(forms.Form):
    """The Engagements page's filters (a GET form): a name or email, the status, the coach."""

    q = forms.CharField(label=_("Coachee or coach"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    # A name, not a list: an organization may have hundreds of coaches.
    coach = forms.CharField(label=_("Coach (name or email)"), max_length=100, required=False)

    def __init__(
        self, *args: Any, statuses: list[tuple[str, str]], by_coach: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Any status"), *statuses]  # type: ignore[attr-defined]
        if not by_coach:
            del self.fields["coach"]


# -- team, group and peer engagements ------------------------------------------------------------


class TeamChoiceField(forms.ModelChoiceField[Team]):
    def label_from_instance(self, obj: Team) -> str:
        return obj.name


class SeveralEngagementForm(forms.Form):
    """Propose a team, group or peer engagement; which fields show depends on the kind."""

    team = TeamChoiceField(
        queryset=Team.objects.none(),
        help_text=_("Its members and its leader (their manager) are each asked to accept."),
    )
    with_leader = forms.BooleanField(
        required=False, initial=True, label=_("Include the team's leader (the members' manager)")
    )
    coachees = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("People (emails, one a line)"),
        help_text=_("Anyone in the organization; each is asked to accept their own place."),
    )
    coach = MemberChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", label=_("Lead coach")
    )
    co_coaches = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="uuid",
        required=False,
        label=_("Co-coaches"),
    )
    sponsor = MemberChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text=_(
            "Optional. They see attendance, never content; everyone accepting sees who it is."
        ),
    )
    topic = forms.CharField(max_length=200, required=False, label=_("Topic"))

    FIELDS = {
        "team": ("team", "with_leader", "coach", "co_coaches", "sponsor", "topic"),
        "group": ("coachees", "coach", "co_coaches", "sponsor", "topic"),
        "peer": ("coachees", "coach", "topic"),
    }

    def __init__(
        self,
        *args: Any,
        kind: str,
        teams: QuerySet[Team],
        coaches: QuerySet[Membership],
        sponsors: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in self.FIELDS[kind]:
                del self.fields[name]
        querysets = {"team": teams, "coach": coaches, "co_coaches": coaches, "sponsor": sponsors}
        for name, queryset in querysets.items():
            if name in self.fields:
                self.fields[name].queryset = queryset  # type: ignore[attr-defined]
        if kind == "peer":
            self.fields["coach"].label = "Facilitator (a coach)"
            self.fields["coachees"].label = "Peers (emails, one a line, in rotation order)"
            self.fields[
                "coachees"
            ].help_text = "They coach each other in this order; each accepts their own place first."

    def emails(self) -> list[str]:
        return str(self.cleaned_data.get("coachees", "")).splitlines()


class InviteForm(forms.Form):
    member = MemberChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", label=_("Invite")
    )

    def __init__(self, *args: Any, people: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in people]).select_related(
            "user"
        )


class RotationForm(forms.Form):
    order = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Rotation (emails, one a line: each coaches the next)"),
    )
