"""The demo shows self-efficacy: a finished peer-mentoring cohort with its start-to-end change,
three published role-model stories and one waiting, encouragement notes, and Bob's small wins."""

from django.urls import reverse

from trellis.efficacy import selectors
from trellis.efficacy.models import Encouragement, SmallWin, Story


def test_it_seeds_stories_notes_wins_and_the_cohorts_change(db, client):
    from trellis.accounts.demo import orgs
    from trellis.efficacy import demo
    from trellis.programs.models import Program

    people = orgs()
    demo.seed(people)
    demo.seed(people)  # idempotent
    program = Program.objects.get(name=demo.COHORT)
    assert Story.objects.filter(program=program, status="published").count() == 3
    assert Story.objects.filter(program=program, status="submitted").count() == 1
    assert Encouragement.objects.filter(program=program).count() == 3
    assert SmallWin.objects.filter(member=people.nw["bob"]).count() == 3
    change = selectors.efficacy_change(program=program)
    assert change.change is not None and change.change.post > change.change.pre
    client.force_login(people.nw["bob"].user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("efficacy:program", args=["northwind", program.slug]))
    body = page.content.decode()
    assert "I asked for the stretch project" in body and "shares your" in body
    client.force_login(people.nw["olga"].user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("programs:detail", args=["northwind", program.slug]))
    assert "Self-efficacy: start and end" in page.content.decode()
