"""Forms for goals, actions, check-ins, feedback and the review walk-through."""

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.accounts.forms import MemberChoiceField
from trellis.accounts.models import Membership, Team
from trellis.core.goals import LEVELS, parse_due
from trellis.engagements.models import Engagement
from trellis.goals.models import GAS_FIELDS, Action, Goal
from trellis.goals.services import ActionDecision, GoalDecision, NewGoal
from trellis.goals.services.common import DUE_UNREADABLE

DUE_HELP = _("A date (2026-03-31) or words: 'by the end of March', 'in six weeks'.")


def level_label(level: int) -> str:
    return f"{level:+d}" if level else "0"


class CoachingChoiceField(forms.ModelChoiceField[Engagement]):
    def label_from_instance(self, obj: Engagement) -> str:
        topic = f": {obj.topic}" if obj.topic else ""
        return f"{obj.coach.user.display_name}{topic}"


class GoalChoiceField(forms.ModelChoiceField[Goal]):
    def label_from_instance(self, obj: Goal) -> str:
        where = obj.team.name if obj.team else obj.org.name
        return f"{obj.title} ({where})"


def read_due(text: str, today: date) -> date | None:
    if not text.strip():
        return None
    due = parse_due(text, today=today)
    if due is None:
        raise forms.ValidationError(DUE_UNREADABLE.format(text=text.strip()))
    return due


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("What will be different, in a sentence.")
    )
    why = forms.CharField(
        label=_("Why it matters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    success_measure = forms.CharField(
        label=_("Success measure"),
        max_length=300,
        required=False,
        help_text=_("How you and others will know it happened."),
    )
    due_text = forms.CharField(label=_("Due"), max_length=100, required=False, help_text=DUE_HELP)
    in_control = forms.ChoiceField(
        label=_("Is it within your control?"),
        required=False,
        choices=[
            ("", _("Not sure")),
            ("yes", _("Yes, mostly mine to do")),
            ("no", _("It depends on others")),
        ],
        help_text=_("Only for the check below; not saved."),
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("How much it counts in the plan, 1 to 10."),
    )
    parent = GoalChoiceField(
        queryset=Goal.objects.none(),
        to_field_name="uuid",
        required=False,
        label=_("Sits under"),
        help_text=_("The team or organization goal this one serves (optional)."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Goal.Visibility.choices,
        initial=Goal.Visibility.PRIVATE,
        help_text=_(
            "Only the coachee can share a summary (title, status, progress) with the sponsor."
        ),
    )
    gas_much_less = forms.CharField(
        label=_("-2: much less than expected"), max_length=300, required=False
    )
    gas_less = forms.CharField(
        label=_("-1: somewhat less than expected"), max_length=300, required=False
    )
    gas_expected = forms.CharField(
        label=_("0: the expected outcome"), max_length=300, required=False
    )
    gas_more = forms.CharField(
        label=_("+1: somewhat more than expected"), max_length=300, required=False
    )
    gas_much_more = forms.CharField(
        label=_("+2: much more than expected"), max_length=300, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Why this change?"),
        max_length=500,
        required=False,
        help_text=_("Kept in the goal's history."),
    )

    def __init__(
        self,
        *args: Any,
        parents: QuerySet[Goal],
        may_share: bool,
        editing: bool,
        coachings: QuerySet[Engagement] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, GoalChoiceField)
        parent.queryset = parents
        if coachings is not None:
            # a coachee's own new goal: in which coaching, or just for themselves
            self.fields["coaching"] = CoachingChoiceField(
                queryset=coachings,
                to_field_name="uuid",
                required=False,
                empty_label=_("Just me: no coach sees it"),
                label=_("Work on it with"),
                help_text=_(
                    "Your coach in that engagement sees the goal and works on it with you."
                ),
            )
            active = [e for e in coachings if e.status == Engagement.Status.ACTIVE]
            if len(active) == 1:
                self.fields["coaching"].initial = active[0].uuid
            self.order_fields(["coaching"])
        if not may_share:
            del self.fields["visibility"]
        if not editing:
            del self.fields["reason"]
            del self.fields["version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        texts = [data.get(f"gas_{name}", "") for name in ("much_less", "less", "more", "much_more")]
        if any(texts) and not data.get("gas_expected"):
            self.add_error("gas_expected", _("Describe the expected outcome (level 0) first."))
        return data

    def changes(self) -> dict[str, Any]:
        """The goal fields this form sets (not the version, reason or SMART-only answers)."""
        skip = {"version", "reason", "in_control", "coaching"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def new_goal(self) -> dict[str, Any]:
        """The fields for `goal_create`: the five GAS texts go in as one mapping."""
        fields = self.changes()
        fields["gas_levels"] = {
            level: fields.pop(name) for level, name in zip(LEVELS, GAS_FIELDS, strict=True)
        }
        return fields


class AlignedGoalForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"), choices=[c for c in Goal.Level.choices if c[0] != Goal.Level.PERSON]
    )
    team = forms.ModelChoiceField[Team](
        label=_("Team"), queryset=Team.objects.none(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    why = forms.CharField(
        label=_("Why it matters"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    success_measure = forms.CharField(label=_("Success measure"), max_length=300, required=False)
    due_text = forms.CharField(label=_("Due"), max_length=100, required=False, help_text=DUE_HELP)
    parent = GoalChoiceField(
        queryset=Goal.objects.none(), to_field_name="uuid", required=False, label=_("Sits under")
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], parents: QuerySet[Goal], **kwargs: Any):
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        parent = self.fields["parent"]
        assert isinstance(team, forms.ModelChoiceField) and isinstance(parent, GoalChoiceField)
        team.queryset = teams
        parent.queryset = parents


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=300)
    owner = MemberChoiceField(
        label=_("Owner"), queryset=Membership.objects.none(), to_field_name="uuid"
    )
    due = forms.CharField(label=_("Due"), max_length=100, required=False, help_text=DUE_HELP)
    accountability_partner = MemberChoiceField(
        label=_("Accountability partner"),
        queryset=Membership.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text=_(
            "Another member who sees this action and its check-ins, and nothing else of the plan."
        ),
    )
    cadence = forms.ChoiceField(label=_("Report"), choices=Action.Cadence.choices, initial="weekly")
    support = forms.CharField(
        label=_("Support needed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    obstacles = forms.CharField(
        label=_("Obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment = forms.IntegerField(
        label=_("Commitment"),
        min_value=1,
        max_value=10,
        required=False,
        help_text=_("How committed, 1 to 10."),
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices, initial="planned")
    drop_reason = forms.CharField(
        label=_("Drop reason"), max_length=300, required=False, help_text=_("Needed when dropped.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Why this change?"), max_length=500, required=False)

    def __init__(
        self,
        *args: Any,
        owners: QuerySet[Membership],
        partners: QuerySet[Membership],
        today: date,
        editing: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        for name, queryset in (("owner", owners), ("accountability_partner", partners)):
            field = self.fields[name]
            assert isinstance(field, MemberChoiceField)
            field.queryset = queryset
        if not editing:
            for name in ("status", "drop_reason", "version", "reason"):
                del self.fields[name]

    def clean_due(self) -> date | None:
        return read_due(self.cleaned_data.get("due", ""), self.today)

    def changes(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"version", "reason", "due"}}
        data["due_date"] = self.cleaned_data.get("due")
        return data


class CheckInForm(forms.Form):
    percent = forms.IntegerField(
        min_value=0, max_value=100, required=False, label=_("Progress (%)")
    )
    done = forms.BooleanField(required=False, label=_("Done"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    blockers = forms.CharField(
        label=_("Blockers"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )


class FeedbackForm(forms.Form):
    stakeholder = forms.CharField(
        label=_("Stakeholder"),
        max_length=150,
        required=False,
        help_text=_("Who gave it, e.g. 'Greg, my manager'. Blank: you."),
    )
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}))


GOAL_DECISIONS = [
    ("keep", _("Keep as it is")),
    ("change", _("Change it")),
    ("complete", _("Complete it")),
    ("drop", _("Drop it")),
]
ACTION_DECISIONS = [
    ("keep", _("Keep")),
    ("change", _("Move the due date")),
    ("done", _("Done")),
    ("drop", _("Drop")),
]


class ReviewForm(forms.Form):
    """One block of fields per goal and per open action, and an optional new goal."""

    reviewed_on = forms.DateField(
        label=_("Reviewed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(
        label=_("What stood out"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_title = forms.CharField(label=_("Add a goal"), max_length=200, required=False)
    new_due = forms.CharField(
        label=_("Its due date"), max_length=100, required=False, help_text=DUE_HELP
    )

    def __init__(
        self, *args: Any, goals: list[Goal], actions: list[Action], today: date, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.goals, self.actions, self.today = goals, actions, today
        for goal in goals:
            key = f"g-{goal.uuid}"
            levels = goal.gas_levels
            self.fields[f"{key}-score"] = forms.TypedChoiceField(
                label=_("Attainment"),
                choices=[
                    ("", _("Not scored")),
                    *((str(n), f"{level_label(n)}: {levels.describe(n)}") for n in LEVELS),
                ],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{key}-decision"] = forms.ChoiceField(
                label=_("Decision"), choices=GOAL_DECISIONS, initial="keep"
            )
            self.fields[f"{key}-title"] = forms.CharField(
                label=_("New wording"), max_length=200, required=False, initial=goal.title
            )
            self.fields[f"{key}-due"] = forms.CharField(
                label=_("Due"),
                max_length=100,
                required=False,
                initial=goal.due_date.isoformat() if goal.due_date else "",
            )
            self.fields[f"{key}-why"] = forms.CharField(
                label=_("Why"), max_length=500, required=False
            )
            self.fields[f"{key}-version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=goal.version
            )
        for action in actions:
            key = f"a-{action.uuid}"
            self.fields[f"{key}-decision"] = forms.ChoiceField(
                label=_("Decision"), choices=ACTION_DECISIONS, initial="keep"
            )
            self.fields[f"{key}-due"] = forms.CharField(
                label=_("New due date"), max_length=100, required=False
            )
            self.fields[f"{key}-why"] = forms.CharField(
                label=_("Why"), max_length=500, required=False
            )
            self.fields[f"{key}-version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=action.version
            )

    def goal_blocks(self) -> list[dict[str, Any]]:
        return [
            {
                "goal": g,
                **{
                    f: self[f"g-{g.uuid}-{f}"]
                    for f in ("score", "decision", "title", "due", "why", "version")
                },
            }
            for g in self.goals
        ]

    def action_blocks(self) -> list[dict[str, Any]]:
        return [
            {
                "action": a,
                **{f: self[f"a-{a.uuid}-{f}"] for f in ("decision", "due", "why", "version")},
            }
            for a in self.actions
        ]

    def decisions(self) -> tuple[list[GoalDecision], list[ActionDecision], list[NewGoal]]:
        """The review as the service takes it; unchanged fields are left out."""
        data = self.cleaned_data
        goals = []
        for goal in self.goals:
            key = f"g-{goal.uuid}"
            decision = data[f"{key}-decision"]
            changes: dict[str, Any] = {}
            if decision == "change":
                if data[f"{key}-title"].strip() and data[f"{key}-title"].strip() != goal.title:
                    changes["title"] = data[f"{key}-title"]
                shown_due = goal.due_date.isoformat() if goal.due_date else ""
                if data[f"{key}-due"].strip() != shown_due:
                    changes["due_text"] = data[f"{key}-due"]
            goals.append(
                GoalDecision(
                    goal,
                    score=data[f"{key}-score"],
                    decision=decision,
                    changes=changes,
                    why=data[f"{key}-why"],
                    version=data[f"{key}-version"],
                )
            )
        actions = []
        for action in self.actions:
            key = f"a-{action.uuid}"
            decision = data[f"{key}-decision"]
            changes = {}
            if decision == "change":
                changes["due_date"] = data[f"{key}-due"]
            actions.append(
                ActionDecision(
                    action,
                    decision=decision,
                    changes=changes,
                    why=data[f"{key}-why"],
                    version=data[f"{key}-version"],
                )
            )
        new = (
            [NewGoal(title=data["new_title"], due_text=data["new_due"])]
            if data["new_title"]
            else []
        )
        return goals, actions, new

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for action in self.actions:
            key = f"a-{action.uuid}"
            if data.get(f"{key}-decision") == "change":
                try:
                    due = read_due(data.get(f"{key}-due", ""), self.today)
                except forms.ValidationError as exc:
                    self.add_error(f"{key}-due", exc)
                    continue
                if due is None:
                    self.add_error(f"{key}-due", _("Give the new due date."))
                data[f"{key}-due"] = due
        return data

    def field_for(self, path: str) -> str | None:
        """The form field behind a service error path such as 'goals.1.due_text'."""
        parts = path.split(".")
        if parts[0] == "goals" and len(parts) == 3:
            name = {
                "due_text": "due",
                "due_date": "due",
                "status_reason": "why",
                "title": "title",
            }.get(parts[2], "why")
            return f"g-{self.goals[int(parts[1])].uuid}-{name}"
        if parts[0] == "actions" and len(parts) == 3:
            name = "due" if parts[2] == "due_date" else "why"
            return f"a-{self.actions[int(parts[1])].uuid}-{name}"
        if parts[0] == "new_goals":
            return "new_due" if parts[-1] == "due_text" else "new_title"
        return path if path in self.fields else None


class PlansFilterForm(forms.Form):
    """The Plans page's filters (a GET form): the engagement's status, and what needs attention."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Active and paused")),
            (Engagement.Status.ACTIVE, _("Active")),
            (Engagement.Status.PAUSED, _("Paused")),
        ],
    )
    attention = forms.ChoiceField(
        label=_("Attention"),
        required=False,
        choices=[("", _("All plans")), ("needs", _("Needs attention")), ("ok", _("On track"))],
    )
