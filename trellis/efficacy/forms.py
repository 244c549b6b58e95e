"""Forms for small wins, moods, role-model stories, their review and encouragement notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.efficacy.models import Mood
from trellis.efficacy.services import WIN_EMPTY

WIN_QUESTION = _("What did this show you that you can do?")


class WinForm(forms.Form):
    text = forms.CharField(
        label=WIN_QUESTION,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": WIN_EMPTY},
    )
    action = forms.UUIDField(required=False, widget=forms.HiddenInput)


class MoodForm(forms.Form):
    level = forms.TypedChoiceField(choices=Mood.Level.choices, coerce=int, label=_("Mood"))
    check_in = forms.UUIDField(required=False)


class StoryForm(forms.Form):
    title = forms.CharField(max_length=120, label=_("Title"))
    text = forms.CharField(
        label=_("Your story"),
        max_length=2000,
        help_text=_("Something you achieved, in a few lines: what you did and what made it work."),
        widget=forms.Textarea(attrs={"rows": 5, "id": "story-text"}),
    )
    anonymous = forms.BooleanField(
        required=False, label=_("Publish without my name (as “A participant”)")
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("publish", _("Publish")), ("return", _("Return"))], label=_("Decision")
    )
    note = forms.CharField(max_length=500, required=False, label=_("Note to the author"))


class NoteForm(forms.Form):
    recipient = forms.ModelChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", label=_("Recipient")
    )
    text = forms.CharField(
        label=_("Your note"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3, "id": "note-text"}),
    )

    def __init__(self, *args: object, peers: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["recipient"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = peers if peers is not None else Membership.objects.none()  # type: ignore[assignment]
        field.label_from_instance = _name  # type: ignore[method-assign,assignment]


def _name(member: Membership) -> str:
    return str(member.user.display_name)
