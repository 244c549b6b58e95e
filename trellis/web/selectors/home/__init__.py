"""What each person's home page (and their digest email) shows: a coach's day, a coachee's next
step, a sponsor's attendance and shared summaries, an admin's counts.

Every read goes through the apps' selectors or the access policy, each in a fixed number of
queries whatever the number of coachees: lists are capped (ROWS) and counted beside the cap.
What a person may see is decided here, once; the templates and the digest only show it.
"""

from trellis.web.selectors.home.admin import AdminHome, ProgramHealth, admin_home
from trellis.web.selectors.home.coach import (
    CoachHome,
    LoadRow,
    NeedsAttention,
    SharedItem,
    coach_home,
    coached_engagements,
)
from trellis.web.selectors.home.coachee import CoacheeHome, NextStep, Win, coachee_home
from trellis.web.selectors.home.common import ROWS, SessionItem
from trellis.web.selectors.home.sponsor import SharedSummary, SponsorHome, SponsorRow, sponsor_home

__all__ = [
    "ROWS",
    "AdminHome",
    "CoachHome",
    "CoacheeHome",
    "LoadRow",
    "NeedsAttention",
    "NextStep",
    "ProgramHealth",
    "SessionItem",
    "SharedItem",
    "SharedSummary",
    "SponsorHome",
    "SponsorRow",
    "Win",
    "admin_home",
    "coach_home",
    "coached_engagements",
    "coachee_home",
    "sponsor_home",
]
