"""Signals other apps listen to, so that the engagements app never imports them.

`people_changed` is sent inside the transaction that changes an engagement's lead coach, its
sponsor, or (a member leaving a team, group or peer engagement) its primary coachee, with
`engagement`, `role` ("coach", "sponsor" or "coachee"), `old` and `new` (memberships, or None
for a sponsor removed or not yet accepted), `actor` and `now`. The scheduling app moves the
engagement's future sessions, series and reminders to the new person (past sessions keep who held
them) and sends the calendar invitations; a receiver's error rolls the change back.

`place_accepted` is sent inside the transaction in which a coachee of a team or group engagement
says yes to their own place, with `engagement`, `member` and `now`: the scheduling app sends them
the invitation to each of the engagement's series still to come (those scheduled before they said
yes), so that every accepted member has them in their own calendar program. `place_left` is sent
when such a member leaves their place, with the same keywords: the scheduling app sends them a
cancellation of each series still to come, so that it leaves their calendar program.
"""

from django.dispatch import Signal

people_changed = Signal()
place_accepted = Signal()
place_left = Signal()
