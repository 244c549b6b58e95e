"""The demo shows group coaching (a cohort with items at each level and comments) and sales
coaching (two deals, one shared with the sales manager, one with a history), and an item its
author deleted with another member's comment kept."""

from html import unescape

from django.urls import reverse

from trellis.groups.models import Deal, GroupComment, GroupItem


def _page(client, email, name, args):
    from trellis.accounts.models import Membership

    member = Membership.objects.get(org__slug="northwind", user__email=f"{email}@northwind.example")
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    answer = client.get(reverse(name, args=args))
    return answer.status_code, unescape(answer.content.decode())


def test_it_seeds_a_cohort_at_every_level_and_two_deals(db, client):
    from trellis.accounts.demo import orgs
    from trellis.engagements.models import Engagement
    from trellis.groups import demo
    from trellis.web.demo import seed

    seed()
    demo.seed(orgs())  # idempotent
    group = Engagement.objects.get(kind="group", topic=demo.TOPIC)
    levels = set(GroupItem.objects.filter(engagement=group).values_list("visibility", flat=True))
    assert levels == {"private", "coach", "group", "aggregate"}
    assert GroupComment.objects.filter(item__engagement=group).count() == len(demo.COMMENTS) + 1
    deleted = GroupItem.objects.get(engagement=group, deleted_at__isnull=False)
    assert deleted.text == "" and deleted.comments.get().text == demo.DELETED_COMMENT[1]
    assert Deal.objects.filter(seller__user__email="hannah@northwind.example").count() == 2
    planned = GroupItem.objects.get(engagement=group, goal__isnull=False)
    assert planned.goal.owner == planned.author and planned.goal.gas_levels.expected

    status, page = _page(client, "ravi", "groups:detail", ["northwind", group.uuid])
    assert status == 200 and "Run my first retrospective" in page
    assert "impostor" not in page  # Bob's private reflection
    status, page = _page(client, "olga", "groups:detail", ["northwind", group.uuid])
    assert status == 200 and "Run my first retrospective" not in page and "impostor" not in page
    shared = Deal.objects.get(shared_with__user__email="greg@northwind.example")
    status, page = _page(client, "greg", "groups:deal", ["northwind", shared.uuid])
    assert status == 200 and "payment terms" in page
    assert "History" in page and "Alice" in page.split("History", 1)[1]
    assert "Propose" in page and "Negotiate" in page
