"""Forms for group coaching and sales coaching pages."""

from django import forms

from trellis.accounts.models import Membership
from trellis.groups.models import Deal, GroupItem, Visibility


class ItemForm(forms.Form):
    kind = forms.ChoiceField(choices=GroupItem.Kind.choices)
    text = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.COACH,
        help_text="Who reads it. Counted in aggregates only: nobody reads it, it counts in totals.",
    )


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(choices=Visibility.choices)


class CommentForm(forms.Form):
    text = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class DealForm(forms.Form):
    name = forms.CharField(max_length=200)
    stage = forms.ChoiceField(choices=Deal.Stage.choices, initial=Deal.Stage.QUALIFY)
    value = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0, initial=0)
    close_on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    next_step = forms.CharField(max_length=300, required=False)


class ShareForm(forms.Form):
    shared_with = forms.CharField(
        max_length=64,
        required=False,
        label="Sales manager's email",
        help_text="Leave empty to stop sharing.",
    )


class PipelineFilterForm(forms.Form):
    """The pipeline's filter: one manager's sellers (the choices: the managers of the sellers the
    viewer's pipeline counts)."""

    manager = forms.ChoiceField(required=False, label="Sellers of manager")

    def __init__(self, *args: object, managers: list[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.managers = {str(m.uuid): m for m in managers}
        self.fields["manager"].choices = [("", "Everyone")] + [  # type: ignore[attr-defined]
            (key, m.user.display_name) for key, m in self.managers.items()
        ]

    def chosen(self) -> Membership | None:
        return self.managers.get(self.cleaned_data.get("manager") or "")
