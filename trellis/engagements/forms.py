from django import forms

from trellis.accounts.models import Membership


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return obj.user.display_name


class EngagementForm(forms.Form):
    coach = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    coachee = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    sponsor = MemberChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", required=False,
        help_text="The manager or HR partner who arranged the coaching (optional). They see attendance, never content.",
    )
    topic = forms.CharField(max_length=200, required=False, label="Topic")

    def __init__(self, *args, coaches, coachees, sponsors, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["coachee"].queryset = coachees
        self.fields["sponsor"].queryset = sponsors
