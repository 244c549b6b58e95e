from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Team
from trellis.core.datafiles import DataFileError, check_size


def _upload(form: forms.Form, field: str, default: str) -> bytes:
    upload = form.cleaned_data[field]
    form.filename = str(upload.name or default)  # type: ignore[attr-defined]
    try:
        check_size(upload.size, form.filename, settings.TRELLIS_UPLOAD_MAX_BYTES)  # type: ignore[attr-defined]
    except DataFileError as exc:
        raise forms.ValidationError(exc.messages()) from None
    data: bytes = upload.read()
    return data


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Program template (TOML)"),
        help_text=_(
            "Check it first with `trellis programs validate FILE`: every problem is listed "
            "with its field, and nothing is stored until the file is valid."
        ),
    )

    def clean_file(self) -> Any:
        return _upload(self, "file", "template.toml")


class ProgramForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"))
    name = forms.CharField(
        max_length=120, required=False, label=_("Name"), help_text=_("Defaults to the template's.")
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    coaches = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        label=_("Coach pool"),
        help_text=_("The coaches people are assigned to, or choose from."),
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        min_value=1, max_value=200, initial=5, label=_("People per coach")
    )

    def __init__(self, *args: Any, org: Any, templates: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = templates  # type: ignore[attr-defined]
        self.fields["coaches"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(org=org, is_coach=True, is_active=True)
            .select_related("user")
            .order_by("user__name")
        )
        self.fields["coaches"].label_from_instance = lambda m: str(m.user)  # type: ignore[attr-defined]


class EnrolForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        label=_("People"),
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, label=_("Or everyone in a team")
    )
    file = forms.FileField(
        required=False,
        label=_("Or a CSV file"),
        help_text=_("One row per person with an email column (UTF-8; commas or semicolons)."),
    )

    def __init__(self, *args: Any, org: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(org=org, is_coachee=True, is_active=True)
            .select_related("user")
            .order_by("user__name")
        )
        self.fields["people"].label_from_instance = lambda m: f"{m.user} ({m.user.email})"  # type: ignore[attr-defined]
        self.fields["team"].queryset = Team.objects.filter(org=org).order_by("name")  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        if not self.cleaned_data.get("file"):
            return None
        return _upload(self, "file", "people.csv")
