from typing import Any

from django import forms
from django.db.models import QuerySet

from trellis.accounts.models import Membership


class MemberChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.display_name


class EngagementForm(forms.Form):
    coach = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    coachee = MemberChoiceField(queryset=Membership.objects.none(), to_field_name="uuid")
    sponsor = MemberChoiceField(
        queryset=Membership.objects.none(),
        to_field_name="uuid",
        required=False,
        help_text="The manager or HR partner who arranged the coaching (optional). They see attendance, never content.",
    )
    topic = forms.CharField(max_length=200, required=False, label="Topic")

    def __init__(
        self,
        *args: Any,
        coaches: QuerySet[Membership],
        coachees: QuerySet[Membership],
        sponsors: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("coach", coaches), ("coachee", coachees), ("sponsor", sponsors)):
            field = self.fields[name]
            assert isinstance(field, MemberChoiceField)
            field.queryset = queryset
