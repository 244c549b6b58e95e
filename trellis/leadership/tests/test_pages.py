"""Leadership pages as a user meets them."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from trellis.core.leadership import load_builtin
from trellis.leadership import services
from trellis.leadership.models import DecisionRecord, LeadershipGoal, MissionPart
from trellis.leadership.tests.helpers import leadership_goal_for

BASE = "/o/acme/leadership/"


def test_a_coach_makes_a_leadership_goal_linked_to_the_mission(world, client, login):
    serve = services.mission_part_save(org=world.org, kind="mission", name="Learning for all")
    login(world.alice)
    page = client.get(f"{BASE}engagements/{world.engagement.uuid}/goal/")
    assert page.status_code == 200
    assert "Asks the team for options before announcing a decision" in page.content.decode()
    answer = client.post(
        f"{BASE}engagements/{world.engagement.uuid}/goal/",
        {
            "competency": "action-centred-leadership:team",
            "title": "Bring the team into decisions",
            "behaviour_1": "Asks the team for options before deciding",
            "behaviour_2": "",
            "gas_expected": "The team says it was asked on most decisions",
            "parts": [serve.pk],
        },
    )
    assert answer.status_code == 302
    leadership = LeadershipGoal.objects.get()
    assert leadership.goal.owner == world.bob
    assert leadership.goal.gas_expected == "The team says it was asked on most decisions"
    login(world.bob)
    mine = client.get(BASE).content.decode()
    assert "Learning for all" in mine and "Bring the team into decisions" in mine
    detail = client.get(f"{BASE}goals/{leadership.uuid}/").content.decode()
    assert "Asks the team for options before deciding" in detail


def test_the_sponsor_and_the_admin_do_not_see_a_leadership_goal(world, client, login):
    leadership = leadership_goal_for(world)
    for persona, status in (("dana", 403), ("olga", 403), ("alice", 200), ("bob", 200)):
        login(world.member(persona))
        assert client.get(f"{BASE}goals/{leadership.uuid}/").status_code == status, persona
    login(world.carol)
    assert client.get(f"/o/globex/leadership/goals/{leadership.uuid}/").status_code == 404


def test_a_frozen_behaviour_changed_on_the_page_keeps_the_old_wording(world, client, login):
    leadership = leadership_goal_for(world)
    services.freeze_behaviours(leadership)
    first = leadership.current_behaviours()[0]
    login(world.bob)
    client.post(f"{BASE}goals/{leadership.uuid}/behaviours/{first.uuid}/", {"text": "New words"})
    page = client.get(f"{BASE}goals/{leadership.uuid}/").content.decode()
    assert "New words" in page and "version 2" in page
    assert "Earlier wordings" in page and "Asks the team for options before deciding" in page


def test_experiments_record_hypothesis_test_and_learning(world, client, login):
    leadership = leadership_goal_for(world)
    login(world.bob)
    client.post(
        f"{BASE}goals/{leadership.uuid}/experiments/",
        {"hypothesis": "A silent first round gives more ideas", "test": "Try it twice"},
    )
    experiment = leadership.experiments.get()
    client.post(
        f"{BASE}goals/{leadership.uuid}/experiments/{experiment.uuid}/",
        {"learnt": "Twice as many ideas"},
    )
    assert "Twice as many ideas" in client.get(f"{BASE}goals/{leadership.uuid}/").content.decode()


def test_an_admin_imports_a_model_and_a_bad_file_is_refused_naming_the_field(world, client, login):
    login(world.olga)
    bad = SimpleUploadedFile("ours.toml", b'key = "Ours"\n')
    answer = client.post(f"{BASE}models/import/", {"file": bad})
    assert answer.status_code == 400
    assert "ours.toml: key: expected a key of lowercase letters" in answer.content.decode()
    text = (
        'key = "ours"\nname = "Our way"\nsummary = "s"\nsources = ["Our handbook"]\n'
        '[[competencies]]\nkey = "care"\nname = "Care"\ndescription = "d"\n'
        '[[competencies.behaviours]]\nlevel = "emerging"\ntext = "Asks how people are"\n'
        '[[competencies.behaviours]]\nlevel = "exemplary"\ntext = "Follows up a week later"\n'
    )
    good = SimpleUploadedFile("ours.toml", text.encode())
    assert client.post(f"{BASE}models/import/", {"file": good}).status_code == 302
    assert "Our way" in client.get(f"{BASE}models/").content.decode()
    assert "Follows up a week later" in client.get(f"{BASE}models/ours/").content.decode()
    login(world.bob)
    assert client.post(f"{BASE}models/import/", {"file": good}).status_code == 403
    assert "Bass" in client.get(f"{BASE}models/transformational-leadership/").content.decode()
    assert load_builtin("communication").name in client.get(f"{BASE}models/").content.decode()


def test_the_admin_records_mission_and_values_everyone_reads_them(world, client, login):
    login(world.olga)
    answer = client.post(
        f"{BASE}mission/", {"kind": "value", "name": "Candour", "description": "", "position": 1}
    )
    assert answer.status_code == 302
    login(world.bob)
    assert "Candour" in client.get(f"{BASE}mission/").content.decode()
    assert (
        client.post(f"{BASE}mission/", {"kind": "value", "name": "X", "position": 1}).status_code
        == 403
    )
    part = MissionPart.objects.get()
    assert client.post(f"{BASE}mission/{part.uuid}/archive/").status_code == 403


def test_a_decision_is_recorded_reminded_and_revisited(world, client, login):
    value = services.mission_part_save(org=world.org, kind="value", name="Fairness")
    login(world.bob)
    answer = client.post(
        f"{BASE}decisions/new/",
        {
            "question": "Do we move Sam to the platform team?",
            "options": "Move now\nMove after the release",
            "consequences": "Sam: growth\nCustomers: a slower release",
            "values": [value.pk],
            "decision": "Move after the release",
            "why": "Keeps the promise to customers",
            "review_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    assert answer.status_code == 302
    record = DecisionRecord.objects.get()
    assert record.owner == world.bob and list(record.values.all()) == [value]
    assert "Decisions to revisit" not in client.get(BASE).content.decode()
    record.review_on = timezone.localdate()
    record.save()
    assert "Decisions to revisit" in client.get(BASE).content.decode()
    client.post(f"{BASE}decisions/{record.uuid}/revisit/", {"outcome": "Sam thrived"})
    page = client.get(f"{BASE}decisions/{record.uuid}/").content.decode()
    assert "Sam thrived" in page
    assert "Decisions to revisit" not in client.get(BASE).content.decode()
    for persona in ("alice", "dana", "olga"):  # not from an engagement: the owner's alone
        login(world.member(persona))
        assert client.get(f"{BASE}decisions/{record.uuid}/").status_code == 403


def test_the_leader_is_emailed_once_when_a_decision_is_due(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    due = services.decision_create(
        actor=world.bob,
        question="Move Sam now?",
        options="Now\nLater",
        review_on=timezone.localdate(),
    )
    services.decision_create(
        actor=world.bob,
        question="Later question",
        options="A",
        review_on=timezone.localdate() + timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("leadership", "pass")
        call_command("leadership", "pass")
    assert [m.to for m in mailoutbox] == [["bob@acme.test"]]
    assert "Move Sam now?" in mailoutbox[0].subject
    assert f"/o/acme/leadership/decisions/{due.uuid}/" in mailoutbox[0].body


def test_the_leader_page_offers_a_goal_for_each_active_engagement(world, client, login):
    login(world.alice)
    page = client.get(BASE).content.decode()
    assert f"{BASE}engagements/{world.engagement.uuid}/goal/" in page
    login(world.dana)
    assert (
        f"{BASE}engagements/{world.engagement.uuid}/goal/" not in client.get(BASE).content.decode()
    )


def test_a_german_speaking_owner_reads_the_page_and_the_reminder_in_german(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    world.bob.user.language = "de"
    world.bob.user.save(update_fields=["language"])
    record = services.decision_create(
        actor=world.bob,
        question="Move the team to four-day weeks?",
        options="Yes\nNo",
        review_on=timezone.localdate() - timedelta(days=1),
    )
    page = login(world.bob).get(BASE).content.decode()
    assert "Erneut anzusehende Entscheidungen" in page and record.question in page
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decision_reminders() == 1
    (email,) = mailoutbox
    assert email.subject == f"Zeit, eine Entscheidung erneut anzusehen: {record.question}"
    assert "Was ist passiert? Halten Sie es hier fest:" in email.body
