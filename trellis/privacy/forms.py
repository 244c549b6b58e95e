from django import forms


class ErasureForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type your email address to confirm",
        max_length=254,
        help_text="The address you sign in with.",
    )
    reason = forms.CharField(
        label="Why (optional, seen by the admins who confirm)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RetentionForm(forms.Form):
    ended_content_months = forms.IntegerField(
        label="Keep the content of ended engagements for (months)",
        required=False,
        min_value=1,
        max_value=240,
        help_text="Leave empty to keep it until someone deletes it. Facts (that coaching happened, "
        "when, attendance) are kept either way.",
    )


class DeactivateForm(forms.Form):
    hand_to: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Hand their coachees to",
        empty_label="Nobody: end their engagements",
        help_text="The coachees are told, and their calendar moves to the new coach.",
    )
    reason = forms.CharField(
        label="Why",
        max_length=300,
        help_text="Kept in the audit log and in each changed engagement's history.",
    )

    def __init__(self, *args: object, coaches: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["hand_to"].queryset = coaches  # type: ignore[attr-defined]
