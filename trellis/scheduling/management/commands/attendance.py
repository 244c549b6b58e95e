"""`trellis attendance ID --user EMAIL`: what became of an engagement's calendar sessions, as
that person may see it (attendance: docs/engagements.md, docs/confidentiality.md).

Each session that has begun, newest first: when (UTC), its outcome, and for a team or group
session each member's mark (attended, no-show, late cancellation) as the person may read it: a
coach and an admin everyone's, a member their own, a sponsor their coachee's (the members who
report to them). A sponsor whose agreement in force leaves attendance out sees no sessions.
"""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from trellis.accounts import policy
from trellis.engagements.management.commands.engagements import Command as EngagementsCommand
from trellis.scheduling import selectors

SHOWN = 50  # the newest sessions listed


class Command(BaseCommand):
    help = (
        "What became of an engagement's calendar sessions (held, no-show, late cancellation, "
        "cancelled) and, for a team or group session, each member's mark, as that person may "
        "see it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("engagement", metavar="ID", help="the engagement's id (a UUID)")
        parser.add_argument("--user", required=True, metavar="EMAIL", help="who looks")
        parser.add_argument(
            "--org", metavar="SLUG", help="the organization (needed when they belong to several)"
        )

    def handle(self, *args: object, **options: object) -> None:
        door = EngagementsCommand()  # its lookups: the person, the engagement they may see
        member = door.member(str(options["user"]), options.get("org"))
        engagement = door.engagement(member, str(options["engagement"]))
        now = timezone.now()
        rows = (
            selectors.engagement_occurrences(
                engagement=engagement, since=datetime.min.replace(tzinfo=UTC), member=member
            )
            .filter(start__lte=now)
            .order_by("-start", "-id")[:SHOWN]
        )
        title = engagement.group_name or engagement.coachee_summary()
        lines = [f"Attendance: {engagement.get_kind_display()} {title} ({engagement.uuid})"]
        shown = 0
        for o in rows:
            if not policy.allows(member, "calendar.session.view", o.series):
                continue
            shown += 1
            outcome = selectors.attendance_of(o, now=now).label
            lines.append(f"{o.start:%Y-%m-%d %H:%M} UTC  {outcome}")
            for mark in selectors.member_marks_for(o, member):
                lines.append(f"    {mark.member.user.display_name}: {mark.get_mark_display()}")
        if not shown:
            lines.append("No session that has begun, or none you may see.")
        self.stdout.write("\n".join(lines))
