"""The demo shows a mentoring program: enrolment, a published match with explanations, a stalled
pair, an ended pair whose mentee is matched again, and peer circles."""

from trellis.mentoring import demo, health
from trellis.mentoring.models import Pair
from trellis.programs.models import Program


def test_it_seeds_mentoring_with_every_state_and_is_idempotent(db):
    from trellis.accounts.demo import orgs

    people = orgs()
    demo.seed(people)
    demo.seed(people)  # idempotent
    summary = demo.demo_summary(people.northwind)
    assert summary["enrolled"] == len(demo.PEOPLE) + 1  # and a late mentor
    assert summary["published"] >= 3 and summary["ended"] == 1
    assert summary["with_why"] == Pair.objects.filter(program__name=demo.MENTORING).count()
    assert summary["circles"] == 2
    program = Program.objects.get(org=people.northwind, name=demo.MENTORING)
    states = {state for _, state in health.pair_states(program)}
    assert {"stalled", "ended early"} <= states
    ended = Pair.objects.get(program=program, status="ended")
    again = Pair.objects.filter(program=program, status="published").filter(
        right=ended.right
    ) | Pair.objects.filter(program=program, status="published", left=ended.right)
    assert again.exists()  # matched again, with someone else
    assert all({p.left_id, p.right_id} != {ended.left_id, ended.right_id} for p in again)
    # its self-efficacy side: first checks answered at enrolment, three published stories
    from trellis.efficacy.models import Story
    from trellis.efficacy.selectors import efficacy_change
    from trellis.instruments.models import Administration

    assert Story.objects.filter(program=program, status="published").count() == 3
    change = efficacy_change(program=program)
    assert change.started == len(demo.PEOPLE) + 1
    # and the start-to-end change, from the end check everyone answered (shown once, not twice)
    assert change.ended == change.started and change.change is not None
    assert change.change.post > change.change.pre and change.change.improved >= 1
    assert Administration.objects.filter(program=program, baseline__isnull=False).count() == 1
