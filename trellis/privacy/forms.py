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
