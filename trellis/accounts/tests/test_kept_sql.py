"""A kept query answers what Django would for every run's values, with its related rows; and it
refuses to keep what it could not answer right on a later run (a value derived inside the build, a
value that shapes the SQL, a value in a prefetch)."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from django.db.models import F, Prefetch

from trellis.accounts.kept_sql import KeptQueryError, kept_rows
from trellis.accounts.models import Membership
from trellis.engagements.models import Engagement, EngagementParticipant


def _engagements(org_id, coach_ids, since, created_before, topic):
    return (
        Engagement.objects.filter(
            org_id=org_id,
            coach_id__in=coach_ids,
            started_on__gte=since,
            created_at__lt=created_before,
        )
        .exclude(topic=topic)
        .select_related("coach__user", "coachee__user")
        .annotate(coach_name=F("coach__user__name"))
        .prefetch_related(Prefetch("participants", to_attr="places"))
        .order_by("id")
    )


def _runs(world):
    later = datetime.now(UTC) + timedelta(days=1)
    return [
        (world.org.pk, [world.alice.pk], date(2000, 1, 1), later, "nothing"),
        (world.org.pk, [world.alice.pk], date(2000, 1, 1), later, world.engagement.topic),
        (world.org.pk, [world.alice.pk], date(2999, 1, 1), later, "nothing"),
        (world.carol.org.pk, [world.carol.pk], date(2000, 1, 1), later, "nothing"),
        (world.carol.org.pk, [world.alice.pk], date(2000, 1, 1), later, "nothing"),
        (world.org.pk, [world.alice.pk], date(2000, 1, 1), datetime(2000, 1, 1, tzinfo=UTC), "x"),
        (world.org.pk, [world.carol.pk, world.alice.pk], date(2000, 1, 1), later, "nothing"),
        (world.org.pk, [world.carol.pk, world.bob.pk, world.alice.pk], date(2000, 1, 1), later, ""),
        (world.org.pk, [], date(2000, 1, 1), later, "nothing"),
    ]


def test_it_answers_as_django_does_for_each_run(world) -> None:
    for org_id, coach_ids, since, before, topic in _runs(world):
        expected = list(_engagements(org_id, coach_ids, since, before, topic))
        found = kept_rows(
            "test engagements",
            _engagements,
            org_id=org_id,
            coach_ids=coach_ids,
            since=since,
            created_before=before,
            topic=topic,
        )
        assert found == expected
        for ours, theirs in zip(found, expected, strict=True):
            assert ours.coach.user == theirs.coach.user and ours.coachee.user == theirs.coachee.user
            assert ours.coach_name == theirs.coach_name and ours.places == theirs.places
    assert any(_engagements(*run) for run in _runs(world))  # the runs do find rows


def test_it_reads_values_lists_and_uuids(world) -> None:
    def build(uuid):
        return Engagement.objects.filter(uuid=uuid).values_list("topic", flat=True)

    for engagement in (world.engagement, world.carol_engagement):
        assert kept_rows("test by uuid", build, uuid=engagement.uuid) == [engagement.topic]
    assert kept_rows("test by uuid", build, uuid=uuid4()) == []


def test_it_refuses_a_value_derived_inside_the_build(world) -> None:
    def build(today):
        return Engagement.objects.filter(started_on__gte=today - timedelta(days=7))

    with pytest.raises(KeptQueryError, match="derived"):
        kept_rows("test derived", build, today=date(2026, 3, 1))


def test_it_refuses_text_changed_on_its_way_to_the_sql(world) -> None:
    def build(text):
        return Engagement.objects.filter(topic__icontains=text)

    with pytest.raises(KeptQueryError):
        kept_rows("test contains", build, text="lead")


def test_it_refuses_a_value_that_shapes_the_sql(world) -> None:
    def build(n):
        return Engagement.objects.order_by("id")[:n]

    with pytest.raises(KeptQueryError):
        kept_rows("test slice", build, n=3)
    with pytest.raises(KeptQueryError, match="true/false"):
        kept_rows("test flag", lambda flag: Engagement.objects.filter(pk__gt=0), flag=True)


def test_it_refuses_a_value_in_a_prefetch(world) -> None:
    def build(member_id):
        places = EngagementParticipant.objects.filter(member_id=member_id)
        return Engagement.objects.filter(coach_id=member_id).prefetch_related(
            Prefetch("participants", queryset=places, to_attr="mine")
        )

    with pytest.raises(KeptQueryError, match="prefetch"):
        kept_rows("test prefetch", build, member_id=world.alice.pk)


def test_a_kept_page_is_the_page_django_would_give(world, rf) -> None:
    from trellis.accounts.paging import kept_page_of, page_of

    def build(org_id):
        return Membership.objects.filter(org_id=org_id).select_related("user").order_by("id")

    assert build(world.org.pk).count() >= 4  # pages of one person: several pages
    for org_id in (world.org.pk, world.carol.org.pk, 0):
        for asked in ("1", "2", "3", "99", "x", "-1", ""):
            request = rf.get("/", {"page": asked})
            ours = kept_page_of(request, "test page", build, per_page=1, org_id=org_id)
            theirs = page_of(request, build(org_id), per_page=1, ids_first=True)
            assert list(ours) == list(theirs), (org_id, asked)
            assert (ours.number, ours.paginator.count) == (theirs.number, theirs.paginator.count)
