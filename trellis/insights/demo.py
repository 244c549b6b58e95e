"""Demo language insight: Bob and Hannah opted in and wrote reflections over the past ten weeks,
moving from words that give their power away toward choice, ownership and plans; Bob shares his
trend with Alice, his coach. Idempotent: a coachee's story is recognised by its first reflection.
"""

from datetime import datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from trellis.accounts.demo import DemoOrgs
from trellis.accounts.models import Membership
from trellis.insights import services
from trellis.insights.models import Reflection, WritingSample

# (days ago, what they wrote)
BOB = [
    (
        70,
        "Greg keeps handing the migration decisions to Sam, so I never get a chance to lead "
        "anything. There's nothing I can do while he's the one choosing.",
    ),
    (
        66,
        "The planning meeting ran over again and the release slipped. It wasn't my call; they "
        "made me wait for the security review.",
    ),
    (
        59,
        "I have to sit in every stand-up even though nobody listens to me. If only the team "
        "would read the design doc.",
    ),
    (
        55,
        "Sprint planning got derailed again. I decided to write the agenda myself next time, "
        "though I still have to wait for Greg to approve it.",
    ),
    (
        48,
        "The release notes were late because the QA sign-off didn't happen. What's my part in "
        "that? I could have asked for the sign-off on Tuesday.",
    ),
    (41, "I ran the planning meeting on my own today. I will ask Priya for feedback on Friday."),
    (
        36,
        "Sam always takes over the architecture debate and I just let it happen. Next time I'm "
        "going to summarise the options before he starts.",
    ),
    (
        27,
        "I chose to pair with Priya on the migration doc. My options for the rollout are a big "
        "bang or two phases, and I'll put both to the team on Monday.",
    ),
    (
        20,
        "The deadline moved again, which is frustrating. I'm blocking two hours tomorrow "
        "morning to re-plan the sprint with the team.",
    ),
    (
        13,
        "I asked Greg to name me migration lead and he agreed. What can I learn from how long "
        "I waited to ask?",
    ),
    (
        6,
        "I decided to run the retro differently this time, and I'll send the actions to the "
        "team by Thursday.",
    ),
]
HANNAH = [
    (
        68,
        "The client always pushes the price down and I have no choice but to give in. "
        "Procurement makes me sign whatever they want.",
    ),
    (
        62,
        "I can't negotiate with their CFO; he just steamrolls me. It's just how I am with "
        "senior people.",
    ),
    (
        57,
        "We lost the Halden renewal. They decided before I was even in the room, so there was "
        "nothing I could do.",
    ),
    (
        50,
        "Dana said I have to get the discount approved, so I'm preparing the numbers tonight. "
        "I could also offer a longer contract instead of a lower price.",
    ),
    (
        43,
        "The Meyer call went badly and I froze when they asked about margins. What would I do "
        "differently? I will rehearse the margin question with Alice on Wednesday.",
    ),
    (
        34,
        "I chose to walk away from the lowest offer today. My options now are to wait for their "
        "counter or to call their head of operations.",
    ),
    (
        24,
        "Procurement wants another round, which is annoying. I'm going to send our final terms "
        "on Monday and hold the price.",
    ),
    (
        15,
        "I decided to open with our value case instead of the price list. I'll try the same "
        "with the Nordbank team next week.",
    ),
    (
        8,
        "I asked for the meeting with their CFO myself and I will bring the usage figures on "
        "Tuesday.",
    ),
    (
        3,  # a move no pattern names: read as player from the whole text (docs/language.md)
        "Nordbank's buyer questioned every line of the quote, so I walked her through the usage "
        "figures and sent a revised bundle the same afternoon.",
    ),
]


def _moment(days_ago: int, hour: int = 18) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _story(
    member: Membership, entries: list[tuple[int, str]], *, share_with: Membership | None
) -> None:
    services.preference_update(actor=member, language_insight=True, trend_shared_with=share_with)
    if Reflection.objects.filter(member=member, text=entries[0][1]).exists():
        return
    for days_ago, text in entries:
        mark = WritingSample.objects.aggregate(m=Max("id"))["m"] or 0
        reflection = services.reflection_create(actor=member, text=text)
        moment = _moment(days_ago)
        Reflection.objects.filter(pk=reflection.pk).update(created_at=moment)
        WritingSample.objects.filter(member=member, id__gt=mark).update(created_at=moment)


def seed(demo: DemoOrgs) -> None:
    _story(demo.nw["bob"], BOB, share_with=demo.nw["alice"])  # Alice, by name
    _story(demo.nw["hannah"], HANNAH, share_with=None)  # Hannah keeps hers to herself
