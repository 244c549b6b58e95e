"""The analyzer holds back a victim reading it is unsure of: a coachee taking charge is never
shown victim highlights."""

import pytest

from trellis.core.datafiles import DataFileError, load_toml
from trellis.core.language import analyze
from trellis.core.language.abstain import Abstention


@pytest.mark.parametrize(
    "text",
    [
        "The board won't fund the expansion this year; I'm rebuilding the case around the two "
        "markets with margin.",
        "The district keeps changing the curriculum. I've started keeping my own unit plans.",
        "no one answered my question in the channel so i dm'd the owner",
        "ugh the client ghosted me again. sending one last email tmrw with a clear question",
        # chat: two words, or a move after "lol ok" that weak cues span
        "they wont let me switch shifts. asking tmrw",
        "got ghosted again lol ok rewriting my pitch tonite",
    ],
)
def test_it_shows_no_victim_words_when_the_writer_answers_with_their_own_move(text):
    analysis = analyze(text)
    assert analysis.abstained
    assert analysis.stance != "victim"
    assert not [m for m in analysis.markers if m.stance == "victim"]
    assert all(s.stance != "victim" for s in analysis.sentences)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody listens when I raise the staffing problem, so I've stopped raising it.",
        "I had no choice but to cover the extra shift again. I never do.",
        "The head teacher has it in for me since I questioned the new policy.",
        "They don't let me speak in the meeting, always my boss talk for me.",
        "How am I meant to hit my numbers with half the team off sick?",
        "They ignore every idea I bring. Feeling stuck.",
    ],
)
def test_it_still_reads_giving_up_and_grievance_as_victim_language(text):
    analysis = analyze(text)
    assert analysis.stance == "victim"
    assert not analysis.abstained


@pytest.mark.parametrize(
    "text",
    [
        # the move in a later comma-separated part, as chat writes it
        "couldn't get the budget, piloting it with one team first",
        # the move opens the very clause that names the constraint
        "The rota is late again, so I told my lead which shifts I can't do and asked for those "
        "off.",
        "We're not allowed to work from home on Mondays, so I've moved my focus work to Tuesdays.",
    ],
)
def test_a_player_statement_with_an_obstacle_shows_no_victim_highlight(text):
    analysis = analyze(text)
    assert analysis.stance != "victim"
    assert not [m for m in analysis.markers if m.stance == "victim"]


@pytest.mark.parametrize(
    "text",
    [
        "I don't have time for the course, so I blocked Friday mornings for it.",
        "I can't make the offsite, so I've sent my notes to Priya.",
        "We can't hire until spring; I'm rewriting the rota so two people can cover it.",
    ],
)
def test_a_constraint_the_writers_move_answers_is_not_highlighted(text):
    analysis = analyze(text)
    assert analysis.stance != "victim"
    assert [m for m in analysis.markers if m.stance == "player"]
    assert not [m for m in analysis.markers if m.stance == "victim"]
    assert all(s.stance != "victim" for s in analysis.sentences)


def test_owning_ones_part_is_not_read_as_blame():
    analysis = analyze(
        "Sales are down and I can't blame the market for all of it; my follow-ups were slow."
    )
    assert analysis.stance == "player"
    assert not [m for m in analysis.markers if m.stance == "victim"]


@pytest.mark.parametrize(
    "text",
    [
        "We're not allowed to park in the front lot.",
        "I can't attend the all-hands, I have a dentist appointment.",
        "The portal won't let you upload files over 10MB.",
        "There's no budget line for catering this quarter.",
        "I have to restart the server after changing the config.",
    ],
)
def test_a_rule_or_an_arrangement_stated_flatly_shows_nothing(text):
    analysis = analyze(text)
    assert analysis.stance == "neutral"
    assert not analysis.markers


@pytest.mark.parametrize(
    "text",
    [
        "I have to cover for Sam again.",
        "I can't win with these parents.",
        "My manager won't let me work from home.",
        "I can't get anything done in this open-plan office.",
        "We can't hire, so the team is drowning.",
        "We're not allowed to speak in the planning meeting, nobody ever asks us.",
    ],
)
def test_a_constraint_carried_as_a_grievance_still_shows_as_victim_language(text):
    analysis = analyze(text, second_opinion=False)  # the rules alone
    assert analysis.stance == "victim"
    assert not analysis.abstained
    assert [m for m in analysis.markers if m.stance == "victim"]


def test_a_request_without_a_question_mark_holds_back_a_weak_reading():
    analysis = analyze("cant make tues, can we do weds")
    assert analysis.abstained
    assert analysis.stance == "neutral"
    assert not analysis.markers


def test_it_holds_back_a_weak_reading_of_a_request_for_help():
    analysis = analyze("cant find the link to the form, anyone have it?")
    assert analysis.abstained
    assert analysis.stance == "neutral"


def test_it_refuses_a_broken_abstention_file_with_the_field():
    with pytest.raises(DataFileError) as caught:
        load_toml(Abstention, 'weak_victim = "high"\nsubjects = []\n', "abstain.toml")
    message = str(caught.value)
    assert "abstain.toml: weak_victim: expected" in message
    assert "subjects" in message


@pytest.mark.parametrize(
    "text",
    [
        # someone else's grievance, reported
        "Several directors feel the bonus scheme is unfair to support functions.",
        "Kevin complained that the on-call rota is unfair.",
        # a question about what is normal or fair
        "Is it unfair to give group grades when one student does most of the work?",
        "is it normal they dont pay for on call here or just our dept",
    ],
)
def test_it_does_not_read_a_reported_grievance_or_a_question_about_the_norm_as_the_writers(text):
    assert analyze(text).stance != "victim"


@pytest.mark.parametrize(
    "text",
    [
        "They keep saying there's no budget for training.",
        "Applying feels like shouting into the void.",
        "Apparently my team's results don't matter as much as the sales team's.",
    ],
)
def test_a_vague_they_or_the_writers_own_part_keeps_the_victim_reading(text):
    assert analyze(text).stance == "victim"


@pytest.mark.parametrize(
    "text",
    [
        "The vendor cancelled the contract last week.",
        "Our main supplier cancelled the contract on Friday.",
        "they cancelled the lisbon offsite this morning",
    ],
)
def test_a_setback_told_as_news_shows_no_victim_highlight(text):
    analysis = analyze(text)
    assert analysis.stance == "neutral"
    assert not [m for m in analysis.markers if m.stance == "victim"]


@pytest.mark.parametrize(
    "text",
    [
        # the writer is the one it happens to
        "They rejected my proposal without reading it.",
        "The board cut my budget at yesterday's meeting.",
        # an absolute makes it a grievance
        "The board always rejects whatever we propose.",
    ],
)
def test_a_setback_that_happens_to_the_writer_or_aggrieves_stays_victim_language(text):
    analysis = analyze(text, second_opinion=False)  # the rules alone
    assert analysis.stance == "victim"
    assert not analysis.abstained


@pytest.mark.parametrize(
    "text",
    [
        "Nurses on my ward feel the new rota is unfair.",
        "Some parents in my class said they feel ignored by the school.",
    ],
)
def test_a_grievance_reported_by_people_around_the_writer_is_not_the_writers(text):
    # "my" names who reports ("nurses on my ward"), not whose grievance it is
    analysis = analyze(text)
    assert analysis.stance == "neutral"
    assert not [m for m in analysis.markers if m.stance == "victim"]


def test_the_writers_own_grievance_inside_reported_words_stays_victim_language():
    analysis = analyze("My supervisor said I have to redo the entire audit, which is ridiculous.")
    assert analysis.stance == "victim"


@pytest.mark.parametrize(
    "text",
    [
        "I'm hopeless at cold calls, which is exactly why I booked a session with our top rep.",
        "I'm no good at saying no, which is why I've started blocking focus time.",
    ],
)
def test_a_weakness_the_writer_answers_with_which_is_why_shows_no_victim_highlight(text):
    analysis = analyze(text)
    assert analysis.stance == "player"
    assert not [m for m in analysis.markers if m.stance == "victim"]


def test_a_why_that_asks_does_not_count_as_the_writers_move():
    assert analyze("Every year they pile more on us and wonder why we burn out.").stance == "victim"


def test_a_grievance_reported_a_few_words_after_its_reporter_is_not_the_writers():
    analysis = analyze("Priya complained in the weekly team meeting that the new rota is unfair.")
    assert analysis.stance == "neutral"
    assert not analysis.markers


def test_asking_how_others_handle_it_shows_no_victim_highlight():
    analysis = analyze("How do you deal with a manager who never gives feedback?")
    assert analysis.stance == "neutral"
    assert not analysis.markers


@pytest.mark.parametrize(
    "text",
    [
        "How do they expect us to cope with no staff?",
        "How am I meant to hit my numbers with half the team off sick?",
    ],
)
def test_a_rhetorical_how_stays_victim_language(text):
    assert analyze(text).stance == "victim"
