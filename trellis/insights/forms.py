from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.insights.models import LanguagePreference

MAX_TEXT = 20_000  # what the live insight reads of one text


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.display_name)


class PreferenceForm(forms.ModelForm):
    """The coachee's switches; the trend is shared with one coach of theirs, by name, or nobody."""

    class Meta:
        model = LanguagePreference
        fields = ["language_insight", "trend_shared_with"]
        field_classes = {"trend_shared_with": CoachChoiceField}

    def __init__(self, *args: Any, coaches: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["trend_shared_with"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = coaches
        field.empty_label = _("Nobody")


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, what you make of it, what you will do. Only you read it."),
    )


class TextForm(forms.Form):
    """What the live panels post: the text being written."""

    text = forms.CharField(required=False, max_length=MAX_TEXT, strip=False)
