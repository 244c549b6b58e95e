"""Forms for team coaching pages: the charter, the team's settings, an action, a check-in."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.goals.models import Goal
from trellis.teams.models import MAX_ANSWER_DAYS, TeamSpace


class CharterForm(forms.Form):
    purpose = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Purpose"),
        help_text=_("What the team is for."),
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=_("The team's goals"),
        help_text=_("Goals from the goal tree (organization and team goals), linked, not copied."),
    )
    working_agreements = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Working agreements"),
    )
    roles = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}), label=_("Roles")
    )
    decision_rules = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Decision rules"),
    )
    note = forms.CharField(max_length=300, required=False, label=_("What changed, in a line"))

    def __init__(self, *args: object, goals: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["goals"]
        field.queryset = goals  # type: ignore[attr-defined]
        field.label_from_instance = lambda g: (  # type: ignore[attr-defined]
            _("%(goal)s (under %(parent)s)") % {"goal": g.title, "parent": g.parent.title}
            if g.parent_id
            else g.title
        )


class SettingsForm(forms.Form):
    leader = forms.ModelChoiceField(
        queryset=Membership.objects.none(), required=False, label=_("Leader")
    )
    pulse_every_weeks = forms.TypedChoiceField(
        choices=TeamSpace.Every.choices, coerce=int, label=_("Team pulse")
    )
    pulse_threshold = forms.IntegerField(
        min_value=5,
        max_value=100,
        label=_("Answers needed before anyone sees figures"),
        help_text=_("At least 5 (the team pulse's own threshold); a team may ask for more."),
    )
    pulse_answer_days = forms.IntegerField(
        min_value=1,
        max_value=MAX_ANSWER_DAYS,
        label=_("Days to answer a pulse"),
        help_text=_("1 to 28, and no longer than the cadence: a pulse closes before the next."),
    )

    def __init__(self, *args: object, members: Sequence[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["leader"]
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in members])  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: m.user.display_name  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    owner = forms.ModelChoiceField(queryset=Membership.objects.none(), label=_("Owner"))
    due_on = forms.DateField(
        required=False, label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, members: Sequence[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["owner"]
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in members])  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: m.user.display_name  # type: ignore[attr-defined]


class CheckInForm(forms.Form):
    text = forms.CharField(
        max_length=1000,
        label=_("Your update to the team"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What you did, what is next, where you are stuck. The team and its coaches see it."
        ),
    )
