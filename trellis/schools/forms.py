"""Forms for the schools pages: an activity (workshop, self-study, ...), the CSV import, a
huddle log."""

from django import forms

from trellis.schools.models import FEATURE_LABELS, LearningActivity


class ActivityForm(forms.Form):
    activity_type = forms.ChoiceField(choices=LearningActivity.Type.choices, label="Type")
    kind = forms.ChoiceField(choices=LearningActivity.Kind.choices)
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    title = forms.CharField(max_length=150, required=False, help_text="A short label.")
    features = forms.MultipleChoiceField(
        choices=list(FEATURE_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The five features it served.",
    )
    subject = forms.CharField(max_length=80, required=False)
    standard = forms.CharField(max_length=200, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A CSV file: email, school, role, grades, subjects, code.")


class HuddleForm(forms.Form):
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    focus = forms.CharField(max_length=200, required=False, label="What the huddle looked at")
    standard = forms.CharField(max_length=200, required=False)
    present = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, label="Members present"
    )

    def __init__(self, *args: object, members: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["present"].choices = [  # type: ignore[attr-defined]
            (str(m.uuid), m.user.display_name) for m in members
        ]
