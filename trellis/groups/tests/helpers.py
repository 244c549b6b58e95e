"""What the groups tests share: a cohort coached by Alice (Bob and `extra` more from different
teams), Dana named as sponsor, everyone accepted; items at each level."""

from trellis.accounts.models import Membership, User

EXTRA = ("Erin Cohort", "Finn Cohort", "Gia Cohort", "Hugo Cohort", "Iris Cohort")


def group_for(world, extra: int = 4):
    from trellis.engagements.kinds import engagement_propose_group
    from trellis.engagements.lifecycle import engagement_accept

    people = [world.bob]
    for name in EXTRA[:extra]:
        email = f"{name.split()[0].lower()}.cohort@acme.test"
        user = User.objects.create(email=email, name=name)
        people.append(Membership.objects.create(org=world.org, user=user, is_coachee=True))
    engagement = engagement_propose_group(
        actor=world.alice,
        coach=world.alice,
        coachees=people,
        sponsor=world.dana,
        topic="New managers cohort",
    )
    engagement_accept(actor=world.dana, engagement=engagement)
    for person in people:
        engagement_accept(actor=person, engagement=engagement)
    engagement.refresh_from_db()
    world.group_engagement = engagement
    world.group_people = people
    return engagement


def items_at_each_level(world, engagement):
    """Bob writes one item at each level; returns them by level."""
    from trellis.groups import services

    return {
        level: services.item_add(
            actor=world.bob,
            engagement=engagement,
            kind="reflection",
            text=f"Bob's {level} reflection",
            visibility=level,
        )
        for level in ("private", "coach", "group", "aggregate")
    }
