"""Forms for group coaching and sales coaching pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership
from trellis.groups.models import Deal, GroupItem, Visibility


class ItemForm(forms.Form):
    kind = forms.ChoiceField(choices=GroupItem.Kind.choices, label=_("Kind"))
    text = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), label=_("Text")
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.COACH,
        label=_("Visibility"),
        help_text=_(
            "Who reads it. Counted in aggregates only: nobody reads it, it counts in totals."
        ),
    )


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(choices=Visibility.choices, label=_("Visibility"))


class CommentForm(forms.Form):
    text = forms.CharField(
        max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), label=_("Text")
    )


class DealForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Name"))
    stage = forms.ChoiceField(
        choices=Deal.Stage.choices, initial=Deal.Stage.QUALIFY, label=_("Stage")
    )
    value = forms.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, initial=0, label=_("Value")
    )
    close_on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), label=_("Close date")
    )
    next_step = forms.CharField(max_length=300, required=False, label=_("Next step"))


class ShareForm(forms.Form):
    shared_with = forms.CharField(
        max_length=64,
        required=False,
        label=_("Sales manager's email"),
        help_text=_("Leave empty to stop sharing."),
    )


class PipelineFilterForm(forms.Form):
    """The pipeline's filter: one manager's sellers (the choices: the managers of the sellers the
    viewer's pipeline counts)."""

    manager = forms.ChoiceField(required=False, label=_("Sellers of manager"))

    def __init__(self, *args: object, managers: list[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.managers = {str(m.uuid): m for m in managers}
        self.fields["manager"].choices = [("", _("Everyone"))] + [  # type: ignore[attr-defined]
            (key, m.user.display_name) for key, m in self.managers.items()
        ]

    def chosen(self) -> Membership | None:
        return self.managers.get(self.cleaned_data.get("manager") or "")
