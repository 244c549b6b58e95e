from datetime import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from trellis.accounts.forms import MemberChoiceField
from trellis.accounts.models import Membership
from trellis.core.datafiles import DataFileError, check_size
from trellis.core.schedule import ReminderKind
from trellis.core.schedule.times import from_wall_clock
from trellis.scheduling.models import (
    DELIVERY_CHOICES,
    AvailabilityException,
    AvailabilityWindow,
    CareerEvent,
    HomeDigest,
    TriggerRule,
)

ERROR_UNTIL_OR_COUNT = gettext_lazy(
    "End the series on a date or after a number of sessions, not both."
)
ERROR_SERIES_END = gettext_lazy(
    "A repeating series needs an end: a last date or a number of sessions."
)

REPEAT_CHOICES = [
    ("", gettext_lazy("Does not repeat")),
    ("weekly", gettext_lazy("Every week")),
    ("fortnightly", gettext_lazy("Every two weeks")),
    ("monthly", gettext_lazy("Every month")),
]
REPEAT_RULES = {
    "": ("", 1),
    "weekly": ("weekly", 1),
    "fortnightly": ("weekly", 2),
    "monthly": ("monthly", 1),
}
SCOPE_CHOICES = [
    ("this", gettext_lazy("This session only")),
    ("following", gettext_lazy("This and every later session")),
]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time typed in a datetime-local box; the form reads it in a zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> datetime | None:
        found = super().to_python(value)
        return None if found is None else found.replace(tzinfo=None)


class ZoneForm(forms.Form):
    """A form whose wall-clock datetimes are read in `zone_name` (the person's time zone)."""

    def __init__(self, *args: Any, zone_name: str = "UTC", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name

    def aware(self, name: str) -> datetime | None:
        value = self.cleaned_data.get(name)
        return None if value is None else from_wall_clock(value, self.zone_name)


class ScheduleForm(ZoneForm):
    start = LocalDateTimeField(
        label=gettext_lazy("Starts"), help_text=gettext_lazy("On your clock.")
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Length in minutes"), min_value=5, max_value=480, initial=60
    )
    repeat = forms.ChoiceField(label=gettext_lazy("Repeat"), choices=REPEAT_CHOICES, required=False)
    until = forms.DateField(
        label=gettext_lazy("Last date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    count = forms.IntegerField(
        label=gettext_lazy("Or number of sessions"), required=False, min_value=1, max_value=260
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    location = forms.CharField(
        label=gettext_lazy("Location"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("A room or a video link."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat"):
            if data.get("until") and data.get("count"):
                self.add_error("count", ERROR_UNTIL_OR_COUNT)
            elif not data.get("until") and not data.get("count"):
                self.add_error("until", ERROR_SERIES_END)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        freq, interval = REPEAT_RULES[data.get("repeat") or ""]
        return {
            "start": self.aware("start"),
            "duration_minutes": data["duration_minutes"],
            "timezone_name": self.zone_name,
            "freq": freq,
            "interval": interval,
            "until": data.get("until") if freq else None,
            "count": data.get("count") if freq else None,
            "title": data.get("title", ""),
            "location": data.get("location", ""),
        }


class CancelForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"), choices=SCOPE_CHOICES, initial="this", widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RescheduleForm(ZoneForm):
    start = LocalDateTimeField(
        label=gettext_lazy("New start"), help_text=gettext_lazy("On your clock.")
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Length in minutes"), min_value=5, max_value=480
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Scope"), choices=SCOPE_CHOICES, initial="this", widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CadenceForm(ZoneForm):
    every_weeks = forms.IntegerField(
        label=gettext_lazy("A review every ... weeks"), min_value=1, max_value=26, initial=4
    )
    first = LocalDateTimeField(
        label=gettext_lazy("First review"), help_text=gettext_lazy("On your clock.")
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Length in minutes"), min_value=5, max_value=480, initial=45
    )


class AvailabilityForm(forms.Form):
    timezone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        help_text=gettext_lazy("Your windows are read on this clock, e.g. Europe/London."),
    )
    slot_minutes = forms.IntegerField(
        label=gettext_lazy("Slot length (minutes)"), min_value=15, max_value=240
    )
    buffer_before_minutes = forms.IntegerField(
        label=gettext_lazy("Free time before a session (minutes)"), min_value=0, max_value=240
    )
    buffer_after_minutes = forms.IntegerField(
        label=gettext_lazy("Free time after a session (minutes)"), min_value=0, max_value=240
    )
    notice_hours = forms.IntegerField(
        label=gettext_lazy("Book at least ... hours ahead"), min_value=0, max_value=720
    )


class WindowForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Weekday"), choices=AvailabilityWindow.WEEKDAYS, coerce=int
    )
    start = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), label=gettext_lazy("From")
    )
    end = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), label=gettext_lazy("To")
    )


class ExceptionForm(ZoneForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=AvailabilityException.Kind.choices)
    start = LocalDateTimeField(label=gettext_lazy("From"))
    end = LocalDateTimeField(label=gettext_lazy("To"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)


EVENT_COACHEE_CHOICES = 200
EVENT_COACHEE_UNKNOWN = gettext_lazy("No coachee you may log an event for has the address {email}.")


class EventForm(forms.Form):
    coachee = MemberChoiceField(
        queryset=Membership.objects.none(), to_field_name="uuid", label=gettext_lazy("Whose event")
    )
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=CareerEvent.Type.choices)
    custom_type = forms.CharField(
        max_length=80, required=False, label=gettext_lazy("Kind of event (for Other)")
    )
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Seen by the coachee and their coach only."),
    )

    def __init__(self, *args: Any, coachees: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.coachees = coachees
        field = self.fields["coachee"]
        assert isinstance(field, MemberChoiceField)
        field.queryset = coachees
        if coachees.count() > EVENT_COACHEE_CHOICES:
            # A list of thousands of people is no choice: their email address picks them.
            self.fields["coachee"] = forms.EmailField(
                label=gettext_lazy("Whose event (their email address)"), max_length=254
            )
            self.initial.pop("coachee", None)

    def clean_coachee(self) -> Membership:
        value = self.cleaned_data["coachee"]
        if isinstance(value, Membership):
            return value
        found = self.coachees.filter(user__email__iexact=value).first()
        if found is None:
            raise forms.ValidationError(EVENT_COACHEE_UNKNOWN.format(email=value))
        return found


class EventImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV with the columns email, type, date (YYYY-MM-DD), title, notes."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name, settings.TRELLIS_UPLOAD_MAX_BYTES)
        except DataFileError as exc:
            raise forms.ValidationError(exc.messages()) from None
        return upload


class EventSessionForm(forms.Form):
    framework_key = forms.ChoiceField(label=gettext_lazy("Framework"), initial="tgrow")

    def __init__(self, *args: Any, frameworks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_key"].choices = frameworks  # type: ignore[attr-defined]


class TriggerForm(forms.Form):
    event_type = forms.ChoiceField(
        choices=CareerEvent.Type.choices, label=gettext_lazy("When an event of type")
    )
    when = forms.ChoiceField(choices=TriggerRule.When.choices, label=gettext_lazy("Fire"))
    days = forms.IntegerField(
        label=gettext_lazy("Days"),
        min_value=0,
        max_value=90,
        initial=0,
        required=False,
        help_text=gettext_lazy("For 'days before' or 'days after'."),
    )
    framework_key = forms.ChoiceField(label=gettext_lazy("Open a session with"), initial="tgrow")
    style = forms.ChoiceField(
        label=gettext_lazy("Style"),
        choices=[
            ("non-directive", gettext_lazy("Non-directive")),
            ("dialogical", gettext_lazy("Dialogical")),
            ("directive", gettext_lazy("Directive")),
        ],
    )
    notify_coachee = forms.BooleanField(
        required=False, initial=True, label=gettext_lazy("Tell the coachee")
    )
    notify_coach = forms.BooleanField(
        required=False, initial=True, label=gettext_lazy("Tell the coach")
    )
    notify_sponsor = forms.BooleanField(
        required=False, label=gettext_lazy("Tell the sponsor (that it exists, not its content)")
    )

    def __init__(self, *args: Any, frameworks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework_key"].choices = frameworks  # type: ignore[attr-defined]


class PreferencesForm(forms.Form):
    quiet_start = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        label=gettext_lazy("Quiet from"),
    )
    quiet_end = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        label=gettext_lazy("Quiet until"),
    )
    digest_time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        label=gettext_lazy("Daily digest at"),
    )
    home_digest = forms.ChoiceField(
        choices=HomeDigest.choices,
        required=False,  # left out (an older form, the API): kept as it was
        widget=forms.RadioSelect,
        label=gettext_lazy("Your home page by email"),
        help_text=gettext_lazy(
            "What your home page shows (sessions, what needs you, what is due), at your digest time."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in ReminderKind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                choices=DELIVERY_CHOICES, widget=forms.RadioSelect
            )

    def delivery(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[f"kind_{kind.value}"] for kind in ReminderKind}


class SchedulingSettingsForm(forms.Form):
    cancellation_window_hours = forms.IntegerField(
        label=gettext_lazy("Cancellation window (hours)"),
        min_value=0,
        max_value=14 * 24,
        help_text=gettext_lazy(
            "A session cancelled less than this many hours before it starts is recorded as a late cancellation."
        ),
    )
