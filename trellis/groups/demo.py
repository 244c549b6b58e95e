"""Demo group and sales coaching at Northwind. Sofia coaches the "New in the role" cohort (Bob,
Hannah, Ravi, Lena and Tom, from different teams); each member wrote items at several levels:
private, shared with the coach, shared with the group (with comments) and counted in aggregates
only; Lena deleted a goal Tom had commented on, so his comment stays under the 'deleted' mark.
Hannah's sales coaching with Alice ("Negotiating larger accounts with confidence") holds two
deals; she shared one with Greg, her sales manager. The Contoso deal has a history: Hannah opened
it at Propose, Alice moved it to Negotiate and cut its value after the CFO asked for a discount.
Bob made his group goal (the retrospective) a goal of his own plan, with GAS levels.
Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.engagements.kinds import engagement_propose_group
from trellis.engagements.lifecycle import engagement_accept
from trellis.engagements.models import Engagement
from trellis.goals import services as goal_services
from trellis.groups import sales_services, services
from trellis.groups.models import Deal, DealChange, GroupItem

TOPIC = "New in the role: group coaching"
MEMBERS = ("bob", "hannah", "ravi", "lena", "tom")
# (author, kind, visibility, text)
ITEMS = [
    ("bob", "goal", "group", "Run my first retrospective without taking over the conversation."),
    ("bob", "reflection", "private", "I still feel like an impostor when the seniors disagree with me."),
    ("bob", "check_in", "coach", "Two of three 1:1s held this week; I skipped Priya's again."),
    ("hannah", "action", "group", "Ask each new client what a good first quarter looks like for them."),
    ("hannah", "reflection", "aggregate", "Discounting early is my way of avoiding the hard conversation."),
    ("ravi", "goal", "coach", "Hand the weekly report over to the shift leads by the end of the month."),
    ("ravi", "check_in", "group", "Delegated the rota; it went better than I feared."),
    ("lena", "reflection", "private", "Saying no to the extra project was the right call."),
    ("lena", "action", "aggregate", "Block two focus mornings a week."),
    ("tom", "goal", "group", "Be back at 90% of target by the end of the quarter."),
    ("tom", "check_in", "aggregate", "Pipeline review done; three calls booked."),
]  # fmt: skip
COMMENTS = [
    (0, "ravi", "Try asking the quietest person to open; it worked for me."),
    (0, "sofia", "Notice what you do when the silence lasts more than five seconds."),
    (3, "tom", "Stealing this for my accounts."),
    (6, "bob", "How did you decide who took which part?"),
]
# a goal Lena writes for the group, Tom comments on, and Lena then deletes (the comment stays)
DELETED = ("lena", "goal", "Get the team's on-call rota agreed without me in the room.")
DELETED_COMMENT = ("tom", "Curious how this goes: ours took three meetings.")
DEALS = [
    ("Contoso: three-year platform renewal", Deal.Stage.NEGOTIATE, "180000", 30,
     "Meet the CFO with the finance lead to agree payment terms", True),
    ("Fabrikam: pilot for the logistics team", Deal.Stage.DISCOVER, "45000", 75,
     "Map the buying group: who besides the ops director signs", False),
]  # fmt: skip
# what a deal was opened with, when its history shows Alice changing it to the DEALS values
OPENED = {"Contoso: three-year platform renewal": (Deal.Stage.PROPOSE, "200000")}


def seed(demo: DemoOrgs) -> None:
    org, nw = demo.northwind, demo.nw
    if not Engagement.objects.filter(org=org, kind=Engagement.Kind.GROUP, topic=TOPIC).exists():
        _group(demo)
    _plan_goal(demo)
    sales = Engagement.objects.filter(
        org=org, coach=nw["alice"], coachee=nw["hannah"], kind=Engagement.Kind.ONE_TO_ONE
    ).first()
    if sales is not None and not Deal.objects.filter(engagement=sales).exists():
        for name, stage, value, days, next_step, shared in DEALS:
            stage, value = OPENED.get(name, (stage, value))
            deal = sales_services.deal_create(
                actor=nw["hannah"],
                engagement=sales,
                name=name,
                stage=stage,
                value=Decimal(value),
                close_on=timezone.localdate() + timedelta(days=days),
                next_step=next_step,
            )
            if shared:
                sales_services.deal_share(actor=nw["hannah"], deal=deal, manager=nw["greg"])
    if sales is not None:
        _history(demo, sales)


def _history(demo: DemoOrgs, sales: Engagement) -> None:
    """Alice moves each OPENED deal to its DEALS stage and value, once."""
    alice = demo.nw["alice"]
    final = {name: (stage, value) for name, stage, value, *_ in DEALS}
    for name in OPENED:
        deal = Deal.objects.filter(engagement=sales, name=name).order_by("pk").first()
        if deal is None or DealChange.objects.filter(deal=deal, by=alice).exists():
            continue
        stage, value = final[name]
        sales_services.deal_update(actor=alice, deal=deal, stage=stage, value=Decimal(value))


# Bob's group goal, made a goal of his own plan, with the GAS levels he then wrote
PLAN_GOAL = ITEMS[0][3]
PLAN_GAS = {
    "gas_much_less": "I run none; the team lead still does",
    "gas_less": "I run one and talk for most of it",
    "gas_expected": "I run one and the team does most of the talking",
    "gas_more": "I run two and a teammate facilitates part of one",
    "gas_much_more": "The team runs them in turn without me",
}


def _plan_goal(demo: DemoOrgs) -> None:
    bob = demo.nw["bob"]
    item = (
        GroupItem.objects.filter(
            engagement__topic=TOPIC, author=bob, kind="goal", text=PLAN_GOAL, goal=None
        )
        .select_related("engagement")
        .order_by("pk")
        .first()
    )
    if item is None:
        return
    goal = services.item_make_goal(actor=bob, item=item)
    goal_services.goal_update(actor=bob, goal=goal, changes=PLAN_GAS, version=goal.version)


def _group(demo: DemoOrgs) -> None:
    nw = demo.nw
    people = [nw[key] for key in MEMBERS]
    engagement = engagement_propose_group(
        actor=nw["sofia"], coach=nw["sofia"], coachees=people, topic=TOPIC
    )
    for person in people:
        engagement_accept(actor=person, engagement=engagement)
    engagement.refresh_from_db()
    items = [
        services.item_add(
            actor=nw[author], engagement=engagement, kind=kind, text=text, visibility=level
        )
        for author, kind, level, text in ITEMS
    ]
    for index, author, text in COMMENTS:
        services.comment_add(actor=nw[author], item=items[index], text=text)
    author, kind, text = DELETED
    gone = services.item_add(
        actor=nw[author], engagement=engagement, kind=kind, text=text, visibility="group"
    )
    services.comment_add(actor=nw[DELETED_COMMENT[0]], item=gone, text=DELETED_COMMENT[1])
    services.item_delete(actor=nw[author], item=gone)
