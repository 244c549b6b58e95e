from django import forms

from trellis.insights.models import LanguagePreference

MAX_TEXT = 20_000  # what the live insight reads of one text


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = LanguagePreference
        fields = ["language_insight", "share_language_trend_with_coach"]


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What happened, what you make of it, what you will do. Only you read it.",
    )


class TextForm(forms.Form):
    """What the live panels post: the text being written."""

    text = forms.CharField(required=False, max_length=MAX_TEXT, strip=False)
