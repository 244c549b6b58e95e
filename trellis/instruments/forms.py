from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Team
from trellis.core.instruments import Instrument
from trellis.engagements.models import Engagement
from trellis.instruments.models import Administration

MAX_BYTES = 200_000
TOO_LARGE = _("The file is larger than 200 kB; an instrument file is a few kilobytes.")
NOT_UTF8 = _("The file is not UTF-8 text.")
BAD_STAKEHOLDER = _(
    "Line {line}: expected an email address, then optionally a comma and a name; found {found!r}."
)


class InstrumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Instrument file (TOML)"),
        help_text=_(
            "Check it first with `trellis instruments validate FILE`, or upload it here: "
            "every problem is listed and nothing is stored until the file is valid."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        self.filename = str(upload.name or "upload.toml")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        data = bytes(upload.read())
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(NOT_UTF8) from exc
        return data


def parse_stakeholders(text: str) -> list[tuple[str, str]]:
    """`email, name` lines as (email, name) pairs; raises ValidationError naming the line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        email, _, name = (part.strip() for part in line.partition(","))
        try:
            validate_email(email)
        except forms.ValidationError:
            raise forms.ValidationError(
                BAD_STAKEHOLDER.format(line=number, found=line[:60])
            ) from None
        found.append((email, name))
    return found


class AdministerForm(forms.Form):
    target = forms.ChoiceField(
        choices=Administration.Target.choices, widget=forms.RadioSelect, label=_("Target")
    )
    title = forms.CharField(
        max_length=200, required=False, label=_("Title"), help_text=_("Optional; one is made up.")
    )
    subject = forms.ModelChoiceField(
        queryset=Membership.objects.none(), required=False, label=_("Person")
    )
    engagement = forms.ModelChoiceField(
        queryset=Engagement.objects.none(), required=False, label=_("Engagement")
    )
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, label=_("Team"))
    cohort = forms.CharField(max_length=120, required=False, label=_("Cohort name"))
    cohort_members = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.none(), required=False, label=_("Cohort's people")
    )
    stakeholders = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Stakeholders"),
        help_text=_(
            "People outside Trellis, one per line: email, name. They answer through a "
            "single-use link without an account (instruments answered by stakeholders only)."
        ),
    )
    baseline = forms.ModelChoiceField(
        queryset=Administration.objects.none(),
        required=False,
        label=_("Baseline"),
        help_text=_("An earlier administration of this instrument to measure change against."),
    )

    def __init__(self, *args: Any, member: Membership, key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = member.org
        people = Membership.objects.filter(org=org, is_active=True).select_related("user")
        people = people.order_by("user__name")
        self.fields["subject"].queryset = people  # type: ignore[attr-defined]
        self.fields["cohort_members"].queryset = people  # type: ignore[attr-defined]
        engagements = Engagement.objects.filter(org=org).select_related(
            "coach__user", "coachee__user"
        )
        if not member.is_admin:
            engagements = engagements.filter(coach=member)
        self.fields["engagement"].queryset = engagements  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.filter(org=org).order_by("name")  # type: ignore[attr-defined]
        self.fields["baseline"].queryset = Administration.objects.filter(  # type: ignore[attr-defined]
            org=org, instrument__key=key
        ).order_by("-created_at")
        self.fields["subject"].label_from_instance = lambda m: m.user.display_name  # type: ignore[attr-defined]
        self.fields["cohort_members"].label_from_instance = lambda m: m.user.display_name  # type: ignore[attr-defined]

    def clean_stakeholders(self) -> list[tuple[str, str]]:
        return parse_stakeholders(self.cleaned_data.get("stakeholders") or "")


class AnswerForm(forms.Form):
    """One radio question per item, on the instrument's scale."""

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(point), label) for point, label in instrument.labels()]
        for item in instrument.spec.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text, choices=choices, coerce=int, widget=forms.RadioSelect
            )
