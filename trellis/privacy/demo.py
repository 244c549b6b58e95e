"""Demo: Northwind keeps ended engagements' content for 24 months, so one from 2024 has had its
content removed by a real retention pass; and Nina, who left, has asked to be erased (Olga sees the
request under Settings → Erasure requests)."""

from datetime import date

from allauth.account.models import EmailAddress
from django.utils import timezone

from trellis.accounts.demo import DEMO_PASSWORD, DemoOrgs
from trellis.accounts.models import Membership, User
from trellis.engagements.lifecycle import engagement_places_from_pair
from trellis.engagements.models import Engagement
from trellis.goals.models import Goal
from trellis.privacy import services
from trellis.privacy.models import ErasureRequest

NINA = "nina@northwind.example"


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    # found by its dates, which the purge keeps (it empties the topic)
    old, made = Engagement.objects.get_or_create(
        org=org,
        coach=nw["marcus"],
        coachee=nw["lena"],
        started_on=date(2024, 1, 8),
        defaults={"status": Engagement.Status.ENDED, "topic": "Returning from parental leave"},
    )
    if made:
        engagement_places_from_pair(engagement=old)
        Engagement.objects.filter(pk=old.pk).update(
            status=Engagement.Status.ENDED,
            ended_on=date(2024, 6, 28),
            end_reason="Goals reached",
        )
        Goal.objects.create(
            org=org,
            owner=nw["lena"],
            engagement=old,
            title="Agree a four-day week for the first three months back",
        )
    services.retention_set(actor=nw["olga"], months=24)
    services.retention_pass(org=org, today=timezone.localdate())

    user = User.objects.filter(email=NINA).first()
    if user is None:
        user = User(email=NINA, name="Nina Okafor", time_zone="Europe/Berlin")
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=NINA, verified=True, primary=True)
    Membership.objects.get_or_create(org=org, user=user, defaults={"is_coachee": True})
    if not ErasureRequest.objects.filter(user=user).exists():
        ErasureRequest.objects.create(
            user=user,
            pseudonym=services.pseudonym_of(NINA),
            reason="I have left Northwind and would like my data removed.",
        )
