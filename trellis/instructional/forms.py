"""Forms for instructional coaching pages. Validation that is a business rule lives in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.instructional.models import MAX_STUDENTS, Cycle, Visit


class StartForm(forms.Form):
    engagement: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, to_field_name="uuid", label=_("Teacher")
    )
    subject = forms.CharField(max_length=80, required=False, help_text=_("The subject taught."))

    def __init__(self, *args: object, engagements: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["engagement"]
        field.queryset = engagements  # type: ignore[attr-defined]
        field.label_from_instance = lambda e: str(e.coachee.user)  # type: ignore[attr-defined]


class IdentifyForm(forms.Form):
    reality_source = forms.ChoiceField(
        choices=[("", "Choose…"), *Cycle.Source.choices], label=_("Where the picture comes from")
    )
    reality = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        label=_("The picture of reality"),
        help_text=_("What the teacher and you saw. Counts, not students' names."),
    )
    reality_link = forms.URLField(
        assume_scheme="https",
        required=False,
        max_length=500,
        label=_("Link (the video or the student work)"),
    )


class GoalForm(forms.Form):
    goal_text = forms.CharField(max_length=300, label=_("The goal, in one sentence"))
    standard = forms.CharField(max_length=200, label=_("What a student does to reach the standard"))
    group = forms.ChoiceField(choices=Cycle.Group.choices, label=_("Which students"))
    target_percent = forms.IntegerField(
        min_value=1, max_value=100, label=_("Target: share of the group reaching it (%)")
    )
    teacher_cares = forms.TypedChoiceField(
        choices=[
            ("", _("Not asked yet")),
            ("yes", _("Yes, it matters to me")),
            ("no", _("Not much")),
        ],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
        label=_("Does this goal matter to the teacher?"),
    )


class LearnForm(forms.Form):
    strategy = forms.CharField(max_length=150, label=_("The teaching strategy"))
    checklist = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Its checklist, one item a line"),
        help_text=_("What the teacher does when using the strategy well."),
    )

    def clean_checklist(self) -> list[str]:
        lines = self.cleaned_data["checklist"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class CheckForm(forms.Form):
    taken_on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), label=_("Date")
    )
    students = forms.IntegerField(
        min_value=1, max_value=MAX_STUDENTS, label=_("Students in the group")
    )
    reached = forms.IntegerField(
        min_value=0, max_value=MAX_STUDENTS, label=_("Reached the standard")
    )
    is_baseline = forms.BooleanField(required=False, label=_("This is the baseline"))


class VisitForm(forms.Form):
    kind = forms.ChoiceField(choices=Visit.Kind.choices)
    on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), label=_("Date")
    )
    minutes = forms.IntegerField(min_value=1, max_value=600, initial=45)
    rubric_key = forms.ChoiceField(required=False, label="Rubric (observations)")
    video_url = forms.URLField(
        assume_scheme="https", required=False, max_length=500, label=_("Video link (optional)")
    )

    def __init__(self, *args: object, rubrics: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["rubric_key"].choices = [("", _("No rubric")), *rubrics]  # type: ignore[attr-defined]


class DebriefForm(forms.Form):
    on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), label=_("Date")
    )
    minutes = forms.IntegerField(min_value=1, max_value=600, initial=30)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=4000, label=_("What we noticed")
    )
    next_step = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label=_("The adjustment for the next lesson"),
    )


class ShareForm(forms.Form):
    person: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, to_field_name="uuid", required=False, label=_("Share with (a principal)")
    )

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: str(m.user)  # type: ignore[attr-defined]


class RubricImportForm(forms.Form):
    file = forms.FileField(label=_("Rubric file (TOML, UTF-8)"))


class VisitEditForm(forms.Form):
    """A visit's date, minutes, video link, and what was noticed (kind, stage and rubric stay)."""

    on = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), label=_("Date")
    )
    minutes = forms.IntegerField(min_value=1, max_value=600)
    video_url = forms.URLField(
        assume_scheme="https", required=False, max_length=500, label=_("Video link (optional)")
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        label=_("What we noticed"),
    )
    next_step = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label=_("The adjustment for the next lesson"),
    )
