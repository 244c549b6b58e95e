"""Page access rows for group and sales coaching (collected by the page access matrix). Alice
coaches the New managers cohort, Bob is in it; Dana is named its sponsor (sees nothing of it);
Olga administers Acme (counts only). Bob's deal is in his 1:1 engagement with Alice, not shared.
Carol learns nothing of Acme."""

from trellis.groups import sales_services, services
from trellis.groups.tests.helpers import group_for, items_at_each_level
from trellis.web.tests.access import LOGIN, row


def prepare(world):
    engagement = group_for(world)
    world.group_items = items_at_each_level(world, engagement)
    world.group_goal = services.item_add(
        actor=world.bob, engagement=engagement, kind="goal", text="Delegate the weekly report"
    )
    world.group_comment = services.comment_add(
        actor=world.bob, item=world.group_items["group"], text="Bob's own comment"
    )
    world.deal = sales_services.deal_create(
        actor=world.bob, engagement=world.engagement, name="Globex renewal", value=120000
    )


def _group(w):
    return [w.org.slug, w.group_engagement.uuid]


def _shared(w):
    return [w.org.slug, w.group_engagement.uuid, w.group_items["group"].uuid]


def _goal(w):
    return [w.org.slug, w.group_engagement.uuid, w.group_goal.uuid]


def _comment(w):
    return [*_shared(w), w.group_comment.uuid]


def _deal(w):
    return [w.org.slug, w.deal.uuid]


def _all(name, args=None, method="GET", **cells):
    base: dict = {"anon": LOGIN, "alice": 200, "bob": 200, "dana": 200, "olga": 200, "carol": 404}
    base.update(cells)
    return row(name, method, args, **base) if args else row(name, method, **base)


PAGES = [
    _all("groups:list"),
    # members and coaches read items; Olga sees the counts only; Dana, a sponsor, nothing
    _all("groups:detail", _group, dana=403),
    # an empty form: 400 for members; coaches, sponsors and admins do not write in the group
    _all("groups:item_add", _group, "POST", alice=403, bob=400, dana=403, olga=403),
    # the author changes the level (an empty form: 400); nobody else
    _all("groups:item_visibility", _shared, "POST", alice=403, bob=400, dana=403, olga=403),
    # members and coaches comment on a group-shared item (an empty comment: 400)
    _all("groups:comment_add", _shared, "POST", alice=400, bob=400, dana=403, olga=403),
    # only the author deletes (a confirmation page, then the POST); the coach reads it but may not
    _all("groups:item_delete", _shared, alice=403, dana=403, olga=403),
    _all("groups:item_delete", _shared, "POST", bob=302, alice=403, dana=403, olga=403),
    _all("groups:comment_delete", _comment, alice=403, dana=403, olga=403),
    _all("groups:comment_delete", _comment, "POST", bob=302, alice=403, dana=403, olga=403),
    # the author makes their group goal a goal of their own plan; nobody else
    _all("groups:item_goal", _goal, "POST", bob=302, alice=403, dana=403, olga=403),
    _all("groups:deals"),
    # counts and values by stage at the threshold: coaches, sponsors, admins
    _all("groups:pipeline", bob=403),
    # Bob's deal: Bob and his coach; Dana only if Bob shares it with her
    _all("groups:deal", _deal, dana=403, olga=403),
    _all("groups:deal_share", _deal, "POST", bob=302, alice=403, dana=403, olga=403),
]
