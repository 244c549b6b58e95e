from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership, Role, User
from trellis.core.datafiles import DataFileError, check_size


class MemberChoices(forms.models.ModelChoiceIterator):
    """A select's options read as (uuid, name, email) rows, not as people and their accounts:
    a coach's list of 60 coachees cost 3 ms in models for the option labels alone."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        for value, name, email in self.queryset.values_list(key, "user__name", "user__email"):
            yield (str(value), name or email)  # the label is the person's display name


class MemberChoiceField(forms.ModelChoiceField[Membership]):
    """A choice of people of the organization, shown by name (or email address)."""

    iterator = MemberChoices

    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.display_name


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    name = forms.CharField(
        max_length=150, label=_("Your name"), widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class RolesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Role.choices, widget=forms.CheckboxSelectMultiple, **kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    roles = RolesField(label=_("Roles"), help_text=_("A person may hold several roles."))


class RolesForm(forms.Form):
    roles = RolesField(label=_("Roles"))


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: email, name, roles, manager_email, team, time_zone. Roles separated by ; or |."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name, settings.TRELLIS_UPLOAD_MAX_BYTES)
        except DataFileError as exc:
            raise forms.ValidationError(exc.messages()) from None
        return upload


class PeopleFilterForm(forms.Form):
    """The People page's search: by name or email, role and team (a GET form)."""

    q = forms.CharField(label=_("Name or email"), max_length=100, required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args: Any, teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Any team"), *((t, t) for t in teams)]  # type: ignore[attr-defined]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("What is this token for?"))


class OrgSettingsForm(forms.Form):
    require_mfa = forms.BooleanField(
        required=False, label=_("Require multi-factor authentication for admins and coaches")
    )
    language_insight_enabled = forms.BooleanField(
        required=False, label=_("Offer language insight to coachees (each coachee still opts in)")
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Your browser's choice")), *settings.LANGUAGES],
    )
