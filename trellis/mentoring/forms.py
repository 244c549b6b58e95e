"""The admin's setup form for a peer or mentoring program (new, or its configuration later)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.accounts.models import Membership

from .models import MentoringProgram

RULES_HELP = _(
    "The matching rules, as the TOML `trellis match` reads (docs/mentoring.md). Leave empty for "
    "the default rules of the kind chosen."
)


class MentoringSetupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MentoringProgram.Kind.choices)
    mode = forms.ChoiceField(
        label=_("How people are matched"), choices=MentoringProgram.Mode.choices
    )
    facilitator = forms.ModelChoiceField(
        label=_("Facilitating coach"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Needed for peer coaching: the coach who facilitates the peers' engagements."),
    )
    circle_size = forms.IntegerField(
        label=_("People per peer circle"), min_value=3, max_value=6, initial=4
    )
    rules_text = forms.CharField(
        label=_("Matching rules"),
        required=False,
        max_length=20000,
        help_text=RULES_HELP,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, org: Any, creating: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not creating:  # the program exists: its name, start and pool are the program's
            for name in ("name", "starts_on", "facilitator"):
                del self.fields[name]
            self.fields["rules_text"].required = True
            self.fields["rules_text"].help_text = "The TOML `trellis match` reads."
            return
        field = self.fields["facilitator"]
        field.queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(org=org, is_coach=True, is_active=True)
            .select_related("user")
            .order_by("user__name")
        )
        field.label_from_instance = lambda m: str(m.user)  # type: ignore[attr-defined]
