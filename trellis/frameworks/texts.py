"""The texts trellis.core's session engine writes (follow-up and permission questions, flags) are
English: core runs without Django. Here they are read back into the reader's language: each is
matched against the template it was made from, and that template's translation is filled with the
same values. A text no template makes (a framework's own prompt) is left as it is.

Its refusals of an answer need no matching: core words them as Wordings (template and values) and
labels them with the field's label, which problem_text puts in the reader's language; so are its
refusals of a move (a finished session, an unknown stage), which refusal_text says."""

import re
from functools import cache

from django.utils.translation import gettext, gettext_noop

from trellis.core.datafiles import Problem, Wording

# Core's templates again, as literals for the catalogue (xgettext reads literals, not names);
# trellis/frameworks/tests/test_core_texts.py keeps them equal to core's.
TEMPLATES = (
    # followups.SCALING_FOLLOW_UPS
    gettext_noop("You put it at {now}. What would {next} look like?"),
    gettext_noop("What would be different at {next}, one point up from {now}?"),
    gettext_noop("What is the smallest change that would take you from {now} to {next}?"),
    gettext_noop("Suppose you woke up at {next} tomorrow. What would you notice first?"),
    # followups.COMMITMENT_FOLLOW_UPS
    gettext_noop('You rated your commitment to "{what}" at {now}. What would make it a {next}?'),
    gettext_noop(
        'What would need to change for "{what}" to feel like a {next} rather than a {now}?'
    ),
    gettext_noop('Is there a smaller version of "{what}" you would rate {next} or higher?'),
    # followups.BUY_IN_FOLLOW_UPS
    gettext_noop("Your buy-in is at {now}. What would bring it to {next}?"),
    gettext_noop("What is holding your buy-in at {now}, and what would make it a {next}?"),
    gettext_noop("Does the goal still feel like yours at {now}? What would make it a {next}?"),
    # followups.PERMISSION_QUESTIONS
    gettext_noop("Would it help if I offered an idea here?"),
    gettext_noop("I have a thought about this. Would you like to hear it?"),
    gettext_noop("May I make a suggestion?"),
    gettext_noop("Would it be useful if I shared what I have seen work elsewhere?"),
    # followups.FLAG_*
    gettext_noop("This goal has no success measure: how will you know it is achieved?"),
    gettext_noop("This goal has no date: by when should it be true?"),
    gettext_noop("This goal does not yet meet every PEERS criterion: {criteria}."),
    gettext_noop('The action "{what}" has no date.'),
    gettext_noop('Commitment to "{what}" is {now} out of 10: consider a smaller step.'),
    gettext_noop("Buy-in is {now} out of 10: consider going back to {stage}."),
)
# answers.PEERS_CRITERIA's labels, named in the PEERS flag
CRITERIA = (
    gettext_noop("Powerful"),
    gettext_noop("Easy"),
    gettext_noop("Emotionally compelling"),
    gettext_noop("Reachable"),
    gettext_noop("Student-focused"),
)
# How a page or the API says a problem (trellis.core.datafiles.Problem says it so in English)
EXPECTED_FOUND = gettext_noop("expected {expected}, found {found}")
EXPECTED_ONLY = gettext_noop("expected {expected}")
LABELLED = gettext_noop("{label}: {problem}")
# core's refusals of an answer, as literals for the catalogue; test_answer_refusals.py keeps them
# equal to core's EXPECTED_ and FOUND_ templates
REFUSALS = (
    # frameworks.kinds
    gettext_noop("text"),
    gettext_noop("a non-empty text"),
    gettext_noop("a whole number from {low} to {high}"),
    gettext_noop("yes or no (true/false)"),
    gettext_noop("a real calendar date (YYYY-MM-DD) or a date in words"),
    gettext_noop("a table of fields"),
    gettext_noop("a list of items (or a table with an `items` list)"),
    gettext_noop("one of the fields {names}"),
    gettext_noop("an unknown field"),
    # frameworks.session
    gettext_noop("a table of answers by kind: {kinds}"),
    gettext_noop("one of the kinds this stage produces: {kinds}"),
    gettext_noop("a goal set by the coachee: a coach sets the goal only in a directive session"),
    gettext_noop("a kind this stage does not produce"),
    gettext_noop("a goal set by the coach"),
    # datafiles.describe
    gettext_noop("nothing"),
    gettext_noop("only spaces"),
    gettext_noop("true"),
    gettext_noop("false"),
    gettext_noop("a list"),
    gettext_noop("a table"),
    gettext_noop("the text {text}"),
    gettext_noop("the number {number}"),
    gettext_noop("a number of about {digits} digits"),
)
# frameworks.kinds.KINDS: the labels of the kinds and their fields, which name a refused field
LABELS = (
    gettext_noop("Goal"),
    gettext_noop("How you will know it is achieved"),
    gettext_noop("By when"),
    gettext_noop("PEERS goal"),
    gettext_noop("Powerful: it makes a real difference"),
    gettext_noop("Easy: simple to understand and measure"),
    gettext_noop("Emotionally compelling"),
    gettext_noop("Reachable: it can be met"),
    gettext_noop("Student-focused"),
    gettext_noop("Topic"),
    gettext_noop("What is in and out of scope"),
    gettext_noop("Scaling"),
    gettext_noop("Where it is now (0-10)"),
    gettext_noop("Where you want it (0-10)"),
    gettext_noop("What one point higher looks like"),
    gettext_noop("Options"),
    gettext_noop("Option"),
    gettext_noop("For it"),
    gettext_noop("Against it"),
    gettext_noop("Consequences"),
    gettext_noop("How feasible (0-10)"),
    gettext_noop("Chosen"),
    gettext_noop("Resources and know-how"),
    gettext_noop("Know-how and strengths"),
    gettext_noop("People and resources to draw on"),
    gettext_noop("Times it already happens a little"),
    gettext_noop("Emotions and buy-in"),
    gettext_noop("Feelings about it"),
    gettext_noop("Buy-in (1-10)"),
    gettext_noop("Actions"),
    gettext_noop("What"),
    gettext_noop("When"),
    gettext_noop("Who"),
    gettext_noop("Support needed"),
    gettext_noop("Obstacles"),
    gettext_noop("Commitment (1-10)"),
    gettext_noop("Review"),
    gettext_noop("What is better"),
    gettext_noop("What to adjust"),
    gettext_noop("Notes"),
)
# core's refusals of a move (frameworks.session, frameworks.model): a SessionError's or a style's
# ValueError's message is a Wording of one of these; test_move_refusals.py keeps them equal to core's
MOVES = (
    gettext_noop("This framework has no stage {key!r}; its stages are: {keys}"),
    gettext_noop("{name} is the last stage"),
    gettext_noop("{name} is the first stage"),
    gettext_noop("The session is finished and can no longer change"),
    gettext_noop("Feedback is recorded only in a directive session"),
    gettext_noop("Feedback needs some text"),
    gettext_noop("An answer is given by 'coachee' or 'coach', not {by!r}"),
    gettext_noop("This session has no question {id!r} to record"),
    gettext_noop("The question {id!r} does not ask permission"),
    gettext_noop("The question {id!r} asks permission: use respond_to_permission"),
    gettext_noop("A draft holds at most {fields} fields of {chars} characters each"),
    gettext_noop("Unknown style {text!r}: expected one of {choices}"),
)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    found = []
    for template in TEMPLATES:
        regex, seen, at = "", set(), 0
        for match in PLACEHOLDER.finditer(template):
            regex += re.escape(template[at : match.start()])
            name = match.group(1)
            regex += f"(?P={name})" if name in seen else f"(?P<{name}>.*?)"
            seen.add(name)
            at = match.end()
        regex += re.escape(template[at:])
        found.append((re.compile(regex, re.DOTALL), template))
    return tuple(found)


def core_text(text: str) -> str:
    """`text`, made by core from one of TEMPLATES (or one of LABELS or CRITERIA), in the active
    language."""
    if text in LABELS or text in CRITERIA:
        return gettext(text)
    for pattern, template in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = match.groupdict()
        if "criteria" in values:
            values["criteria"] = ", ".join(
                gettext(label) if label in CRITERIA else label
                for label in values["criteria"].split(", ")
            )
        return gettext(template).format(**values)
    return text


def problem_text(problem: Problem) -> str:
    """A problem as a page or the API shows it: "Label: expected ..., found ...". Core's refusals
    of an answer (Wordings) come in the active language; a data file's problem reads as its
    loader wrote it, in English."""
    parts = [problem.expected, problem.found] if problem.found else [problem.expected]
    frame = EXPECTED_FOUND if problem.found else EXPECTED_ONLY
    if all(isinstance(part, Wording) for part in parts):
        parts = [_said(part) for part in parts]
        frame = gettext(frame)
    text = frame.format(expected=parts[0], found=parts[-1])
    if not problem.label:
        return text
    return gettext(LABELLED).format(label=core_text(problem.label), problem=text)


def _said(part: str) -> str:
    if isinstance(part, Wording):
        return gettext(part.template).format(**part.values)
    return part


def refusal_text(refusal: Exception | str) -> str:
    """Core's refusal of a move (a SessionError, an unknown style, or its Wording) in the active
    language; an error core did not word as a Wording reads as it was raised."""
    if isinstance(refusal, Exception) and len(refusal.args) == 1:
        refusal = refusal.args[0]
    if isinstance(refusal, Wording):
        return _said(refusal)
    return str(refusal)
