"""Every built-in framework runs to the end on the pages, in the API and in the terminal."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from trellis.core.frameworks import BUILTIN_KEYS, CoachingSession, load_builtin, run_dialogue
from trellis.engagements.models import CoachingSession as Record

SAMPLE = {
    "goal": {"statement": "Lead the team", "success_measure": "Named lead", "due": "2026-06-30"},
    "peers_goal": {
        "statement": "Students explain their reasoning",
        "success_measure": "80% of exit tickets",
        "due": "2026-05-15",
        "powerful": True,
        "easy": True,
        "emotionally_compelling": True,
        "reachable": True,
        "student_focused": True,
    },
    "topic": {"topic": "The next role", "scope": "This year"},
    "scaling": {"now": 8, "target": 9, "n_plus_one": "One more review led"},
    "options": [{"option": "Ask for the role", "rating": 8, "chosen": True}],
    "resources": {"know_how": "Runs reviews", "resources": "A mentor"},
    "emotions": {"feelings": "Keen", "buy_in": 8},
    "actions": [{"what": "Book the talk", "when": "2026-04-01", "commitment": 8}],
    "review": {"better": "The talk happened"},
    "notes": {"text": "The facts as they stand"},
}


def stage_answers(framework, stage_key):
    return {kind: SAMPLE[kind] for kind in framework.stage(stage_key).accepts}


def form_data(answers):
    data = {}
    for kind, answer in answers.items():
        rows = (
            [(f"{kind}-{i}-", item) for i, item in enumerate(answer)]
            if isinstance(answer, list)
            else [(f"{kind}-", answer)]
        )
        for prefix, item in rows:
            for name, value in item.items():
                if value is not False:
                    data[prefix + name] = "1" if value is True else str(value)
    return data


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_runs_every_framework_to_the_end_on_the_pages(key, world, login):
    client = login(world.alice)
    client.post(
        f"/o/acme/engagements/{world.engagement.uuid}/sessions/new/",
        {"framework_key": key, "style": "non-directive"},
    )
    record = Record.objects.get()
    base = f"/o/acme/sessions/{record.uuid}/"
    framework = load_builtin(key)
    for stage in framework.stages:
        client.post(base + "move/", {"stage": stage.key}, headers={"HX-Request": "true"})
        page = client.post(
            base + "answers/",
            form_data(stage_answers(framework, stage.key)),
            headers={"HX-Request": "true"},
        ).content.decode()
        assert f"{stage.name}: answers saved." in page, page
    client.post(base + "finish/")
    record.refresh_from_db()
    assert record.is_finished and record.artifacts["open_stages"] == []
    assert record.artifacts["goal"] is not None or key == "clear"
    assert client.get(base + "summary/").status_code == 200


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_runs_every_framework_to_the_end_in_the_api(key, world, client, api_token):
    headers = {"Authorization": f"Bearer {api_token(world.bob)}"}

    def post(path, body=None):
        return client.post(
            f"/api/v1{path}", body or {}, content_type="application/json", headers=headers
        )

    session = post("/sessions", {"framework_key": key}).json()
    framework = load_builtin(key)
    for stage in framework.stages:
        post(f"/sessions/{session['id']}/move", {"stage": stage.key})
        response = post(
            f"/sessions/{session['id']}/answers",
            {"stage": stage.key, "answers": stage_answers(framework, stage.key)},
        )
        assert response.status_code == 200, response.content
    state = post(f"/sessions/{session['id']}/finish").json()
    assert state["status"] == "finished" and state["open_stages"] == []
    assert all(stage["status"] == "done" for stage in state["stages"])


def script_for(key):
    """The lines a person would type, found by a dry run of the same dialogue."""
    lines = []

    def ask(prompt):
        if prompt.endswith("\n> "):
            answer = "yes"  # a reply to a question, or a yes to a permission question
        elif match := re.search(r" (\d+) - .*\(blank to finish\)", prompt):
            answer = "An item" if match.group(1) == "1" else ""
        elif "(YYYY-MM-DD" in prompt:
            answer = "2026-06-30"
        elif "(y/n)" in prompt:
            answer = "y"
        elif re.search(r"\((0|1)-10\)", prompt):
            answer = "8"
        else:
            answer = "Some words"
        lines.append(answer)
        return answer

    run_dialogue(CoachingSession(load_builtin(key)), ask, lambda text: None)
    return lines


@pytest.mark.parametrize("key", BUILTIN_KEYS)
def test_it_runs_every_framework_to_the_end_in_the_terminal(key, world):
    out = StringIO()
    lines = script_for(key)
    call_command(
        "coach",
        "--framework",
        key,
        "--user",
        "bob@acme.test",
        stdin=StringIO("\n".join(lines) + "\n"),
        stdout=out,
    )
    record = Record.objects.get()
    assert record.is_finished and record.artifacts["open_stages"] == [], out.getvalue()
    assert "Stages still open" not in out.getvalue()
