"""`trellis coach`: self-coaching in the terminal with answers piped in, saved like any session."""

import re
import shlex
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from trellis.engagements.models import CoachingSession

GROW_ANSWERS = [
    # Goal: four questions, then the goal's three fields
    "To lead the platform team",
    "",  # a blank line skips a question
    "The team asks me first",
    "By the summer",
    "Lead the platform team as tech lead",
    "Greg names me lead in the team meeting",
    "2026-06-30",
    # Reality: five questions, the scaling's three fields, the notes, a follow-up on a 4
    "I review most designs already",
    "4",
    "Asked for more design work",
    "Greg and the two seniors",
    "How I ask",
    "4",
    "8",
    "I run the weekly design review",
    "Greg has not heard me ask yet",
    "I would ask Greg directly",
    # Options: four questions, one option of six fields, a blank to finish the list
    "Ask Greg",
    "Lead the migration",
    "Apply elsewhere",
    "Ask Priya how she did it",
    "Ask Greg for the lead role",
    "Direct",
    "Awkward",
    "A clear answer",
    "8",
    "y",
    "",
    # Will: four questions, one action of six fields, a blank to finish, then a follow-up on a 6
    "Book a talk with Greg",
    "Priya",
    "Greg is busy",
    "6",
    "Book 30 minutes with Greg",
    "2026-03-06",
    "me",
    "Priya to review my pitch",
    "Greg travelling",
    "6",
    "",
    "If the pitch were written down",
]


def coach(*args, answers):
    out = StringIO()
    call_command("coach", *args, stdin=StringIO("\n".join(answers) + "\n"), stdout=out)
    return out.getvalue()


@time_machine.travel("2026-03-02 09:00Z")
def test_it_runs_a_piped_grow_session_to_its_summary(world):
    output = coach("--framework", "grow", "--user", "bob@acme.test", answers=GROW_ANSWERS)
    session = CoachingSession.objects.get()
    assert session.kind == "self" and session.coachee == world.bob and session.is_finished
    assert session.state["style"] == "non-directive"
    assert "== 4/4 Will ==" in output
    assert "## Goal\n\nLead the platform team as tech lead" in output
    assert "- Success measure: Greg names me lead in the team meeting" in output
    assert "- [ ] Book 30 minutes with Greg (when: 2026-03-06; who: me;" in output
    assert "to feel like a 7 rather than a 6?" in output  # the follow-up on a commitment of 6
    assert f"Saved as session {session.uuid}" in output
    artifacts = session.artifacts
    assert artifacts["goal"]["due_date"] == "2026-06-30"
    assert artifacts["options"][0]["chosen"] is True
    assert artifacts["actions"][0]["commitment"] == 6
    assert artifacts["open_stages"] == []
    history = session.state["history"]
    assert ("", "goal/non-directive/1") in [(h["reply"], h["id"]) for h in history]


def test_it_finishes_with_what_it_holds_when_the_input_ends(world):
    output = coach("--framework", "oskar", "--user", "bob@acme.test", answers=["Calmer weeks"])
    session = CoachingSession.objects.get()
    assert session.is_finished and session.framework_version.key == "oskar"
    assert "(end of input: finishing the session with what it holds)" in output
    assert "No goal was set." in output


def test_it_speaks_in_the_chosen_voice(world):
    output = coach(
        "--framework", "stepppa", "--style", "directive", "--user", "bob@acme.test", answers=[]
    )
    session = CoachingSession.objects.get()
    assert session.style == "directive" and session.framework_version.key == "steppa"
    assert "STEPPPA, directive style" in output


def test_it_says_who_must_be_named(world):
    with pytest.raises(CommandError, match="--user EMAIL"):
        coach("--framework", "grow", answers=[])
    with pytest.raises(CommandError, match="No one has the email address"):
        coach("--user", "nobody@acme.test", answers=[])
    with pytest.raises(
        CommandError, match="Self-coaching is open to members with the coachee role"
    ):
        coach("--user", "dana@acme.test", answers=[])
    with pytest.raises(CommandError, match="framework_key: No framework is called 'achieve'"):
        coach("--framework", "achieve", "--user", "bob@acme.test", answers=[])
    assert not CoachingSession.objects.exists()


def doc_example():
    """The `trellis coach` example in docs/cli.md: its command line, its input, the output it shows."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "cli.md").read_text()
    section = doc[doc.index("## trellis coach") :]
    section = section[: section.index("\n## trellis ", 1)]
    command = re.search(r"```sh\n(.+?)\n```", section, re.S).group(1)
    shown = re.findall(r"```text\n(.+?)\n```", section, re.S)
    piped, _, invocation = command.partition(" | ")
    (printed,) = shlex.split(piped.removeprefix("printf "))
    args = shlex.split(invocation)
    assert args[:2] == ["trellis", "coach"], command
    return args[2:], printed.replace("\\n", "\n"), shown


def test_it_produces_the_goal_docs_cli_md_shows(db):
    from trellis.accounts.models import Membership, Organization, User

    org = Organization.objects.create(slug="northwind", name="Northwind Learning")
    user = User.objects.create(email="bob@northwind.example", name="Bob Okafor")
    Membership.objects.create(org=org, user=user, is_coachee=True)
    args, stdin, shown = doc_example()
    out = StringIO()
    call_command("coach", *args, stdin=StringIO(stdin), stdout=out)
    assert shown, "docs/cli.md shows what `trellis coach` prints"
    for block in shown:
        assert block in out.getvalue()
    session = CoachingSession.objects.get()
    assert session.artifacts["goal"]["statement"] == "Lead the platform team as tech lead"
