"""The texts trellis.core's session engine writes (follow-up and permission questions, flags) are
English: core runs without Django. Here they are read back into the reader's language: each is
matched against the template it was made from, and that template's translation is filled with the
same values. A text no template makes (a framework's own prompt) is left as it is."""

import re
from functools import cache

from django.utils.translation import gettext, gettext_noop

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
    """`text`, made by core from one of TEMPLATES, in the active language."""
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
