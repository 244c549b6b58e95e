"""Forms for leadership pages: a leadership goal, a behaviour's wording, an experiment, the
mission and values, a competency model upload, a decision record and its review."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.core.leadership import CompetencyModel
from trellis.leadership.models import MissionPart


def competency_choices(
    models: Sequence[CompetencyModel],
) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(m.name, [(f"{m.key}:{c.key}", c.name) for c in m.competencies]) for m in models]


QUESTION_CHOICES = [
    (1, _("1: how much has this person improved")),
    (2, _("2: and one feed-forward suggestion")),
    (3, _("3: and an example they saw")),
]


class LeadershipGoalForm(forms.Form):
    competency = forms.ChoiceField(
        help_text=_("The competency this goal develops (model: competency).")
    )
    title = forms.CharField(max_length=200, help_text=_("The goal in your own words."))
    behaviour_1 = forms.CharField(
        max_length=300,
        label=_("First observable behaviour"),
        help_text=_("What others will see you do: pick one from the model or word your own."),
    )
    behaviour_2 = forms.CharField(
        max_length=300, required=False, label=_("Second observable behaviour (optional)")
    )
    questions = forms.TypedChoiceField(
        choices=QUESTION_CHOICES,
        coerce=int,
        initial=2,
        required=False,
        empty_value=2,  # type: ignore[arg-type]
        label=_("Questions stakeholders answer about each behaviour"),
    )
    gas_much_less = forms.CharField(
        max_length=300, required=False, label=_("-2: what others would see if it went much worse")
    )
    gas_less = forms.CharField(max_length=300, required=False, label=_("-1: somewhat less"))
    gas_expected = forms.CharField(
        max_length=300, label=_("0: the expected outcome, as others would see it")
    )
    gas_more = forms.CharField(max_length=300, required=False, label=_("+1: somewhat more"))
    gas_much_more = forms.CharField(max_length=300, required=False, label=_("+2: much more"))
    parts = forms.ModelMultipleChoiceField(
        queryset=MissionPart.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Which parts of the mission and values it serves"),
    )

    def __init__(
        self, *args: object, models: Sequence[CompetencyModel], parts: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["competency"].choices = competency_choices(models)  # type: ignore[attr-defined]
        self.fields["parts"].queryset = parts  # type: ignore[attr-defined]


class BehaviourForm(forms.Form):
    text = forms.CharField(max_length=300, label=_("New wording"))
    questions = forms.TypedChoiceField(
        choices=QUESTION_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        label=_("Questions stakeholders answer about it"),
    )


class ExperimentForm(forms.Form):
    hypothesis = forms.CharField(max_length=500, help_text=_("What you expect to happen, and why."))
    test = forms.CharField(max_length=500, help_text=_("The small, cheap test that would show it."))


class LearntForm(forms.Form):
    learnt = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label=_("What you learnt")
    )


class MissionPartForm(forms.Form):
    kind = forms.ChoiceField(choices=MissionPart.Kind.choices)
    name = forms.CharField(max_length=120)
    description = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    position = forms.IntegerField(min_value=1, max_value=99, initial=1)


class ModelUploadForm(forms.Form):
    file = forms.FileField(help_text=_("A competency model as TOML (see docs/leadership.md)."))


class DecisionForm(forms.Form):
    question = forms.CharField(max_length=300, help_text=_("The decision to make, as a question."))
    options = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One option a line.")
    )
    consequences = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For each stakeholder, what each option means for them (one a line)."),
    )
    values = forms.ModelMultipleChoiceField(
        queryset=MissionPart.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Values at stake"),
    )
    values_note = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("How the values pull"),
    )
    decision = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("What was decided"),
    )
    why = forms.CharField(
        max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Why")
    )
    review_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label=_("Review it on")
    )

    def __init__(self, *args: object, values: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["values"].queryset = values  # type: ignore[attr-defined]


class RevisitForm(forms.Form):
    outcome = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label=_("What happened")
    )
