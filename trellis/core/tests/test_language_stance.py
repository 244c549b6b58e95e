"""The victim/player stance analyzer, read as a coachee would meet it."""

import re

import pytest

from trellis.core.language import analyze, default_lexicon, player_share


def categories(text: str) -> set[str]:
    return {marker.category for marker in analyze(text, second_opinion=False).markers}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("They made me redo the whole deck.", "outside_agent"),
        ("The report didn't get finished in time.", "agentless"),
        ("I had no choice but to accept the transfer.", "necessity"),
        ("There's nothing I can do about it.", "inability"),
        ("It's their fault the launch slipped.", "blame"),
        ("If only they had told me sooner.", "wishful"),
        ("That's just how I am.", "permanence"),
    ],
)
def test_it_notices_each_kind_of_victim_language(text, category):
    analysis = analyze(text)
    assert analysis.stance == "victim"
    assert category in categories(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Nobody could have closed deals in that region.", "Nobody could have closed"),
        ("The sprint was overloaded, so of course I'm behind.", "so of course I'm"),
        ("They don't listen. So what I can do?", "what I can do"),
        ("I raised it twice and got laughed at, so I don't speak up anymore.", "speak up anymore"),
        ("No matter how carefully I prepare, they change the brief.", "No matter how carefully"),
        ("It was the market, not me.", "not me"),
    ],
)
def test_it_notices_resignation_in_sarcastic_terse_and_non_native_voices(text, shown):
    analysis = analyze(text, second_opinion=False)  # the rules alone
    assert analysis.stance == "victim"
    assert any(shown in m.text for m in analysis.markers if m.stance == "victim")


@pytest.mark.parametrize(
    "text",
    [
        "I will focus on what I can do.",
        "She asked for help, so of course I said yes.",
        "I raised it with the team and I don't expect problems anymore.",
    ],
)
def test_those_words_in_a_plain_or_player_sentence_show_no_victim_highlight(text):
    analysis = analyze(text)
    assert analysis.stance != "victim"
    assert not [m for m in analysis.markers if m.stance == "victim"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I've decided to apply for the lead role.", "volition"),
        ("My options are to renegotiate the scope or hand it over.", "choice"),
        ("What's my part in this?", "ownership"),
        ("I'll call the recruiter on Monday morning.", "plan"),
    ],
)
def test_it_notices_each_kind_of_player_language(text, category):
    analysis = analyze(text)
    assert analysis.stance == "player"
    assert category in categories(text)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # negation turns an obligation into a choice
        ("I don't have to accept this.", "player"),
        ("I have to accept this, there's no other way.", "victim"),
        # reported speech: the obligation is someone else's words; the response is mine
        ("My manager said I have to redo it, so I'm blocking two hours.", "player"),
        # statements of fact that contain trigger words
        ("The policy says staff have to submit timesheets by Friday.", "neutral"),
        ("We always have our stand-up at 9:15.", "neutral"),
        ("I can't remember whether the meeting is at two or three.", "neutral"),
        # questions: rhetorical blame, genuine ownership, a request for information
        ("Why does this always happen to me?", "victim"),
        ("What can I learn from this?", "player"),
        ("Do I have to attend the offsite?", "neutral"),
        # a challenge followed by a response
        ("I can't change the deadline, but I can change how I plan my week.", "player"),
        ("I tried to raise it, but they never listen.", "victim"),
    ],
)
def test_it_reads_language_not_keywords(text, stance):
    assert analyze(text).stance == stance


@pytest.mark.parametrize(
    ("written", "tidy"),
    [
        (
            "i cant do anything about it, its out of my hands",
            "I can't do anything about it, it's out of my hands.",
        ),
        ("ill email the team tonight", "I'll email the team tonight."),
        ("Ive tried everything and nothing works", "I've tried everything and nothing works."),
        ("its not fair, nobody listens", "It's not fair, nobody listens."),
        ("I dont have to say yes to evrything", "I don't have to say yes to everything."),
        (
            "This always happens to me becuase they nevr plan",
            "This always happens to me because they never plan.",
        ),
        (
            "I realise I need to prioritise my own work this week",
            "I realize I need to prioritize my own work this week",
        ),
        (
            "Booked a call with a careers adviser for Tuesday.",
            "I booked a call with a careers adviser for Tuesday.",
        ),
    ],
)
def test_it_reads_typos_missing_apostrophes_lower_case_and_spellings_alike(written, tidy):
    assert analyze(written).stance == analyze(tidy).stance
    assert categories(written) == categories(tidy)


def test_it_points_each_marker_at_the_exact_words_written():
    for text, expected in [
        ("Honestly? I can\u2019t win here. They won\u2019t let me apply.", "I can\u2019t"),
        (
            "They won\u2019t let me apply, so I\u2019ll ask HR on Monday.",
            "I\u2019ll ask HR on Monday",
        ),
    ]:
        analysis = analyze(text)
        assert analysis.markers
        for marker in analysis.markers:
            assert text[marker.start : marker.end] == marker.text
        assert expected in [marker.text for marker in analysis.markers]


def test_it_gives_every_marker_an_explanation_and_a_side():
    for marker in analyze("Nobody told me, and now I'm stuck. I'll ask Sam tomorrow.").markers:
        assert marker.explanation.strip()
        assert marker.stance in {"victim", "player"}


def test_it_judges_each_sentence_and_the_whole():
    analysis = analyze(
        "I'll finish the report tonight. But nobody ever reads it, they never listen."
    )
    assert [s.stance for s in analysis.sentences] == ["player", "victim"]
    assert analysis.stance == "victim"
    assert analysis.mixed


@pytest.mark.parametrize(
    "text",
    [
        "Nobody ever tells me anything. So I'll ask for a weekly update from Friday.",
        "they never give me the good projects so im gonna pitch my own to sam tmrw",
    ],
)
def test_a_player_statement_that_names_a_grievance_first_shows_no_victim_highlight(text):
    analysis = analyze(text)
    assert analysis.stance == "player"
    assert [m for m in analysis.markers if m.stance == "player"]
    assert not [m for m in analysis.markers if m.stance == "victim"]
    assert all(s.stance != "victim" for s in analysis.sentences)


def test_victim_words_too_weak_for_a_victim_reading_are_not_shown():
    analysis = analyze("Two engineers on my team said they feel overlooked for promotion.")
    assert analysis.stance == "neutral"
    assert not analysis.markers


def test_it_is_neutral_about_empty_or_plain_text():
    for text in ("", "   ", "The office closes early on Fridays during summer."):
        analysis = analyze(text)
        assert analysis.stance == "neutral"
        assert not analysis.markers
        assert analysis.reflection.endswith("?")


LABELS = re.compile(r"\b(victims?|players?|whin\w*|excuses?|lazy|negative)\b", re.IGNORECASE)


def test_it_never_labels_the_person_in_its_reflections():
    lexicon = default_lexicon()
    for questions in lexicon.reflections.values():
        for question in questions:
            assert not LABELS.search(question), question
    for text in (
        "They made me do it.",
        "It's hopeless, nothing ever changes here.",
        "I'll call her tomorrow.",
        "If only the board had listened.",
    ):
        assert not LABELS.search(analyze(text).reflection)


def test_it_chooses_a_reflection_that_fits_the_words_noticed():
    lexicon = default_lexicon()
    victim = analyze("There's nothing I can do, it's out of my control.")
    assert victim.reflection in lexicon.reflections["inability"]
    plan = analyze("I'll send the proposal to Mia by Friday.")
    assert plan.reflection in lexicon.reflections["plan"]


def test_it_varies_its_reflections_but_repeats_itself_for_the_same_text():
    texts = [
        "I can't get anything done with these meetings.",
        "I can't see how this will ever work.",
        "There's nothing I can do about the budget.",
        "We can't compete with their prices.",
        "I'm not able to finish it on time.",
    ]
    reflections = {analyze(text).reflection for text in texts}
    assert len(reflections) > 1
    assert analyze(texts[0]).reflection == analyze(texts[0]).reflection


def test_it_reports_the_share_of_player_language_over_time():
    notes = [
        analyze("They never listen. I'm stuck."),
        analyze("I'll ask for feedback on Friday."),
        analyze("The meeting is at ten."),
    ]
    assert player_share(notes) == pytest.approx(1 / 3, abs=0.001)
    assert player_share([analyze("The meeting is at ten.")]) is None


def test_it_can_be_serialised_for_the_api():
    data = analyze("I decided to apply.").to_dict()
    assert data["stance"] == "player"
    assert {"text", "start", "end", "category", "explanation"} <= set(data["markers"][0])


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Honestly, what's the use of asking again?", "inability"),
        ("I've learned not to expect anything from head office.", "inability"),
        ("Whatever happens, happens.", "inability"),
        ("My contract wasn't renewed.", "agentless"),
        ("My overtime claim was knocked back again.", "agentless"),
        ("They've already decided I'm too old for the role.", "outside_agent"),
        ("The new rules have tied our hands.", "outside_agent"),
        ("Apparently my opinion doesn't count for anything.", "inability"),
        ("Every time I suggest something, it gets shot down.", "permanence"),
        ("There's no other way round it.", "necessity"),
    ],
)
def test_it_hears_resignation_and_an_outside_locus_in_new_words(text, category):
    assert analyze(text, second_opinion=False).stance == "victim"
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "My role is to support the sales team.",
        "I have to be available to start within a month.",
        "The contract was renewed in May.",
        "Our budget was approved on Friday.",
    ],
)
def test_it_leaves_job_descriptions_and_logistics_neutral(text):
    assert analyze(text).stance == "neutral"


def test_a_first_person_clause_after_a_setback_reads_as_the_response():
    text = "The head keeps changing direction; I could ask for the plan to be fixed for a term."
    assert analyze(text).stance == "player"


@pytest.mark.parametrize(
    "text",
    [
        "I'm held accountable for numbers I have no control over.",
        "Whatever plan I bring, the regional office overrides it.",
        "I'm caught between the parents and the head.",
        "My appraisal was postponed for the fourth time.",
        "It's easy for them to say, they don't teach.",
        "Nobody even thought to tell us the office was closing.",
    ],
)
def test_it_hears_being_overruled_caught_or_forgotten(text):
    assert analyze(text, second_opinion=False).stance == "victim"


@pytest.mark.parametrize(
    "text",
    [
        "My mentor treats me as an equal.",
        "The laptop I was promised arrives on Monday.",
        "I'm torn between two good offers.",
        "I play golf with my manager on Sundays.",
        "The meeting was postponed for the second time because of snow.",
    ],
)
def test_it_leaves_look_alike_facts_neutral(text):
    assert analyze(text).stance == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "Working from home, I'm out of sight and out of mind.",
        "Since my return I've been quietly sidelined.",
        "Any time I disagree, I'm labelled aggressive.",
        "There's a glass ceiling in this firm.",
        "I'm doing the work of three people for one salary.",
    ],
)
def test_it_hears_a_barrier_named_as_the_whole_story(text):
    assert analyze(text, second_opinion=False).stance == "victim"
