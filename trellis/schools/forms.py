"""Forms for the schools pages: an activity (workshop, self-study, ...), the CSV import, a
huddle log, a school's staff (principals, coaches) and adding one teacher."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.schools.models import (
    ACTIVE_MODES,
    FEATURE_LABELS,
    LearningActivity,
    LearningCommunity,
    SchoolSetup,
)


class ActivityForm(forms.Form):
    activity_type = forms.ChoiceField(choices=LearningActivity.Type.choices, label=_("Type"))
    kind = forms.ChoiceField(choices=LearningActivity.Kind.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    title = forms.CharField(max_length=150, required=False, help_text=_("A short label."))
    features = forms.MultipleChoiceField(
        choices=list(FEATURE_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The five features it served."),
    )
    subject = forms.CharField(max_length=80, required=False)
    standard = forms.CharField(max_length=200, required=False)
    active_mode = forms.ChoiceField(
        choices=[("", _("Not said")), *ACTIVE_MODES.items()],
        required=False,
        label=_("Active learning: how"),
    )
    goal = forms.ChoiceField(
        choices=(),
        required=False,
        label=_("Coherence: the school or district goal it serves"),
    )

    def __init__(self, *args: object, goals: list | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.goals = {str(g.uuid): g for g in goals or []}
        self.fields["goal"].choices = [  # type: ignore[attr-defined]
            ("", _("None")),
            *((key, g.title) for key, g in self.goals.items()),
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=_("A CSV file: email, school, role, grades, subjects, code, name.")
    )


class HuddleForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    protocol = forms.ChoiceField(choices=(), label=_("Protocol"))
    minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    focus = forms.CharField(max_length=200, required=False, label=_("What the huddle looked at"))
    standard = forms.CharField(max_length=200, required=False)
    present = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, label=_("Members present")
    )

    def __init__(
        self, *args: object, members: list, protocols: dict | None = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["present"].choices = [  # type: ignore[attr-defined]
            (str(m.uuid), m.user.display_name) for m in members
        ]
        self.fields["protocol"].choices = [  # type: ignore[attr-defined]
            (key, framework.name) for key, framework in (protocols or {}).items()
        ]


class SetupForm(forms.ModelForm):
    class Meta:
        model = SchoolSetup
        fields = ["kind", "hours_target", "year_starts_month"]


class CommunityForm(forms.Form):
    name = forms.CharField(max_length=150)
    focus = forms.ChoiceField(choices=LearningCommunity.Focus.choices)
    grade = forms.CharField(max_length=20, required=False)
    subject = forms.CharField(max_length=80, required=False)
    invite = forms.MultipleChoiceField(
        choices=(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Invite teachers")
    )

    def __init__(self, *args: object, teachers: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["invite"].choices = [  # type: ignore[attr-defined]
            (str(t.membership.uuid), t.membership.user.display_name) for t in teachers
        ]


class CommunityGoalForm(forms.Form):
    title = forms.CharField(max_length=200)
    parent = forms.ChoiceField(choices=(), label=_("Under the school goal"))

    def __init__(self, *args: object, parents: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["parent"].choices = [(str(g.uuid), g.title) for g in parents]  # type: ignore[attr-defined]


def _member_choices(members: list) -> list[tuple[str, str]]:
    return [(str(m.uuid), f"{m.user.display_name} ({m.user.email})") for m in members]


class StaffForm(forms.Form):
    """Assign a principal or an instructional coach to a school."""

    role = forms.ChoiceField(
        choices=[("principal", _("Principal")), ("coach", _("Instructional coach"))]
    )
    member = forms.ChoiceField(choices=(), label=_("Member"))

    def __init__(self, *args: object, members: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].choices = _member_choices(members)  # type: ignore[attr-defined]


class TeacherAddForm(forms.Form):
    """Add one teacher to a school, with grades and subjects (as in the CSV: ; or | between)."""

    member = forms.ChoiceField(choices=(), label=_("Member"))
    grades = forms.CharField(
        max_length=200, required=False, help_text=_("PK, K or 1 to 12, separated by ; (e.g. 3;4).")
    )
    subjects = forms.CharField(
        max_length=500, required=False, help_text=_("Separated by ; (e.g. Mathematics;Science).")
    )

    def __init__(self, *args: object, members: list, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["member"].choices = _member_choices(members)  # type: ignore[attr-defined]
