from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    confirm_email = forms.CharField(
        label=_("Type your email address to confirm"),
        max_length=254,
        help_text=_("The address you sign in with."),
    )
    reason = forms.CharField(
        label=_("Why (optional, seen by the admins who confirm)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RetentionForm(forms.Form):
    ended_content_months = forms.IntegerField(
        label=_("Keep the content of ended engagements for (months)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_(
            "Leave empty to keep it until someone deletes it. Facts (that coaching happened, "
            "when, attendance) are kept either way."
        ),
    )


class DeactivateForm(forms.Form):
    hand_to: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Hand their coachees to"),
        empty_label=_("Nobody: end their engagements"),
        help_text=_("The coachees are told, and their calendar moves to the new coach."),
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        help_text=_("Kept in the audit log and in each changed engagement's history."),
    )

    def __init__(self, *args: object, coaches: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["hand_to"].queryset = coaches  # type: ignore[attr-defined]
