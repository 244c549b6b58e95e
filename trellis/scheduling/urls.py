from django.urls import path

from trellis.scheduling import attendance_views, views

app_name = "scheduling"

urlpatterns = [
    path("o/<slug:slug>/calendar/", views.calendar, name="calendar"),
    path("o/<slug:slug>/calendar/schedule/", views.schedule, name="schedule"),
    path("o/<slug:slug>/calendar/settings/", views.scheduling_settings, name="settings"),
    path(
        "o/<slug:slug>/calendar/engagements/<uuid:engagement_uuid>/",
        views.engagement_sessions,
        name="engagement",
    ),
    path(
        "o/<slug:slug>/calendar/engagements/<uuid:engagement_uuid>/cadence/",
        views.cadence,
        name="cadence",
    ),
    path("o/<slug:slug>/calendar/sessions/<uuid:occurrence_uuid>/", views.session, name="session"),
    path(
        "o/<slug:slug>/calendar/sessions/<uuid:occurrence_uuid>/log/",
        attendance_views.session_log,
        name="session_log",
    ),
    path(
        "o/<slug:slug>/calendar/sessions/<uuid:occurrence_uuid>/cancel/",
        views.session_cancel,
        name="session_cancel",
    ),
    path(
        "o/<slug:slug>/calendar/sessions/<uuid:occurrence_uuid>/reschedule/",
        views.session_reschedule,
        name="session_reschedule",
    ),
    path("o/<slug:slug>/calendar/availability/", views.availability, name="availability"),
    path("o/<slug:slug>/calendar/availability/windows/", views.window_add, name="window_add"),
    path(
        "o/<slug:slug>/calendar/availability/windows/<uuid:window_uuid>/remove/",
        views.window_remove,
        name="window_remove",
    ),
    path(
        "o/<slug:slug>/calendar/availability/exceptions/", views.exception_add, name="exception_add"
    ),
    path(
        "o/<slug:slug>/calendar/availability/exceptions/<uuid:exception_uuid>/remove/",
        views.exception_remove,
        name="exception_remove",
    ),
    path("o/<slug:slug>/calendar/book/", views.book, name="book"),
    path("o/<slug:slug>/calendar/book/<uuid:engagement_uuid>/", views.book_slot, name="book_slot"),
    path("o/<slug:slug>/events/", views.events, name="events"),
    path("o/<slug:slug>/events/import/", views.events_import, name="events_import"),
    path("o/<slug:slug>/events/triggers/", views.triggers, name="triggers"),
    path(
        "o/<slug:slug>/events/triggers/<uuid:rule_uuid>/delete/",
        views.trigger_delete,
        name="trigger_delete",
    ),
    path("o/<slug:slug>/events/<uuid:event_uuid>/", views.event, name="event"),
    path(
        "o/<slug:slug>/events/<uuid:event_uuid>/session/", views.event_session, name="event_session"
    ),
    path("o/<slug:slug>/events/<uuid:event_uuid>/delete/", views.event_delete, name="event_delete"),
    path("o/<slug:slug>/reminders/", views.reminders, name="reminders"),
    path("o/<slug:slug>/reminders/feed/", views.feed_create, name="feed_create"),
    path("o/<slug:slug>/reminders/feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feeds/<str:secret>.ics", views.feed, name="feed"),
]
