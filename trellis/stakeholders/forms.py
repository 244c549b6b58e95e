"""Forms for stakeholder feedback: naming a stakeholder, the cadence, the organization's threshold,
and the stakeholder's answer (per behaviour: improvement -3..+3 and a feed-forward suggestion)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from trellis.leadership.models import Behaviour
from trellis.stakeholders.models import SCALE_MAX, SCALE_MIN, Stakeholder

SCALE = [
    (-3, _("-3 much worse")),
    (-2, "-2"),
    (-1, "-1"),
    (0, _("0 no change")),
    (1, "+1"),
    (2, "+2"),
    (3, _("+3 much better")),
]


class StakeholderForm(forms.Form):
    name = forms.CharField(max_length=150)
    email = forms.EmailField(help_text=_("Inside or outside Trellis: the link comes by email."))
    relation = forms.ChoiceField(choices=Stakeholder.Relation.choices)


class CadenceForm(forms.Form):
    cadence_days = forms.IntegerField(
        min_value=7, max_value=120, label=_("Ask every (days)"), help_text="30: once a month."
    )


class SettingsForm(forms.Form):
    threshold = forms.IntegerField(
        min_value=3,
        max_value=50,
        label=_("Answers needed before aggregates show"),
        help_text=_("Per round of stakeholder feedback, and per audience of a 360. At least 3."),
    )


class ThreeSixtyForm(forms.Form):
    phase = forms.ChoiceField(
        choices=[("start", _("Start of the track")), ("end", _("End of the track"))]
    )


class AnswerForm(forms.Form):
    """Per behaviour asked, its questions (1 to 3, chosen when the behaviour was written):
    `behaviour_<id>` (improvement), `feedforward_<id>`, `example_<id>`."""

    def __init__(self, *args: object, behaviours: list[Behaviour], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.behaviours = behaviours
        for behaviour in behaviours:
            self.fields[f"behaviour_{behaviour.pk}"] = forms.TypedChoiceField(
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                label=gettext(
                    "Since the last time you were asked, how much has this person improved at: "
                    "%(behaviour)s"
                )
                % {"behaviour": behaviour.text},
            )
            if behaviour.questions >= 2:
                self.fields[f"feedforward_{behaviour.pk}"] = forms.CharField(
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    label=_("One suggestion for the next month (feed-forward)"),
                )
            if behaviour.questions >= 3:
                self.fields[f"example_{behaviour.pk}"] = forms.CharField(
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    label=_("An example: what did you see this person do lately?"),
                )

    def answers(self) -> dict[int, tuple[int, str, str]]:
        data = self.cleaned_data
        return {
            b.pk: (
                int(data[f"behaviour_{b.pk}"]),
                data.get(f"feedforward_{b.pk}") or "",
                data.get(f"example_{b.pk}") or "",
            )
            for b in self.behaviours
        }


assert SCALE[0][0] == SCALE_MIN and SCALE[-1][0] == SCALE_MAX
