"""`trellis engagements list|show|pause|end|reopen`: a thin door over the lifecycle services.

`--user EMAIL` says who acts; the access policy decides as it does for pages and the API.
"""

import io
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from rich.console import Console
from rich.table import Table

from trellis.accounts import policy
from trellis.accounts.models import Membership
from trellis.engagements import lifecycle, selectors
from trellis.engagements.models import Engagement

WIDTH = 110  # when the output is not a terminal (pipes, tests)
NO_MEMBERSHIP = "{email} is not a member of any organization{where}."
SEVERAL_ORGS = "{email} belongs to several organizations; choose one with --org: {slugs}."
NOT_FOUND = "No engagement {id} that {email} may see."
NOT_ALLOWED = "{email} may not {verb} this engagement."
BAD_DATE = "--on: expected a date as YYYY-MM-DD, found {value!r}."
STATUSES = [s for s, _ in Engagement.Status.choices]


class Command(BaseCommand):
    help = (
        "Engagements: `list` those a person may see, `show` one with its people and history, "
        "`pause`, `end` (with a reason) and `reopen` one, as that person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser("list", help="the engagements a person may see")
        listing.add_argument("--status", choices=STATUSES, help="only engagements in this status")
        show = sub.add_parser("show", help="one engagement: people, answers, status, history")
        pause = sub.add_parser("pause", help="pause an active engagement (coach or coachee)")
        end = sub.add_parser("end", help="end an engagement (coach, coachee or admin)")
        reopen = sub.add_parser("reopen", help="reopen an ended engagement (coach or coachee)")
        for one in (show, pause, end, reopen):
            one.add_argument("engagement", metavar="ID", help="the engagement's id (a UUID)")
        for changing in (pause, reopen):
            changing.add_argument("--reason", default="", help="why, kept in the history")
        end.add_argument("--reason", required=True, help="why it ends, kept in the history")
        end.add_argument("--on", metavar="YYYY-MM-DD", help="the end date (default: today)")
        for each in (listing, show, pause, end, reopen):
            each.add_argument("--user", required=True, metavar="EMAIL", help="who acts")
            each.add_argument(
                "--org",
                metavar="SLUG",
                help="the organization (needed when they belong to several)",
            )

    def handle(self, *args: object, action: str, **options: object) -> None:
        member = self.member(str(options["user"]), options.get("org"))
        if action == "list":
            status = options.get("status")
            rows = selectors.engagements_visible_to(
                member=member, status=str(status) if status else None
            )
            self.render(self.list_table(member, list(rows[:500])))
            return
        engagement = self.engagement(member, str(options["engagement"]))
        reason = str(options.get("reason") or "")
        try:
            if action == "pause":
                self.require(member, "engagement.pause", engagement, "pause")
                engagement = lifecycle.engagement_pause(
                    actor=member, engagement=engagement, reason=reason
                )
            elif action == "end":
                self.require(member, "engagement.end", engagement, "end")
                engagement = lifecycle.engagement_end(
                    actor=member,
                    engagement=engagement,
                    reason=reason,
                    ended_on=self.day(options.get("on")),
                )
            elif action == "reopen":
                self.require(member, "engagement.reopen", engagement, "reopen")
                engagement = lifecycle.engagement_reopen(
                    actor=member, engagement=engagement, reason=reason
                )
        except ValidationError as exc:
            raise CommandError(" ".join(_messages(exc))) from exc
        engagement = self.engagement(member, str(engagement.uuid))
        self.render(*self.show_tables(engagement))

    def member(self, email: str, slug: object) -> Membership:
        memberships = Membership.objects.filter(user__email__iexact=email, is_active=True)
        if slug:
            memberships = memberships.filter(org__slug=str(slug))
        found = list(memberships.select_related("org", "user"))
        if not found:
            where = f" called {slug!r}" if slug else ""
            raise CommandError(NO_MEMBERSHIP.format(email=email, where=where))
        if len(found) > 1:
            slugs = ", ".join(sorted(m.org.slug for m in found))
            raise CommandError(SEVERAL_ORGS.format(email=email, slugs=slugs))
        return found[0]

    def engagement(self, member: Membership, uuid: str) -> Engagement:
        not_found = CommandError(NOT_FOUND.format(id=uuid, email=member.user.email))
        try:
            engagement = selectors.engagement_get(member=member, uuid=uuid)
        except ValidationError as exc:  # not a UUID
            raise not_found from exc
        if engagement is None or not policy.allows(member, "engagement.view", engagement):
            raise not_found
        return engagement

    def require(self, member: Membership, action: str, engagement: Engagement, verb: str) -> None:
        try:
            policy.require(member, action, engagement)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(NOT_ALLOWED.format(email=member.user.email, verb=verb)) from exc

    def day(self, value: object) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise CommandError(BAD_DATE.format(value=value)) from exc

    def list_table(self, member: Membership, rows: list[Engagement]) -> Table:
        table = Table(title=f"Engagements {member.user.display_name} may see", title_justify="left")
        for column in ("ID", "Status", "Kind", "Coach", "Coachee", "Since"):
            table.add_column(column, no_wrap=True)
        for e in rows:
            table.add_row(
                str(e.uuid),
                e.get_status_display(),
                e.get_kind_display(),
                e.coach.user.display_name,
                e.coachee.user.display_name,
                f"{e.started_on:%Y-%m-%d}",
            )
        return table

    def show_tables(self, engagement: Engagement) -> list[Table]:
        status = engagement.get_status_display()
        if engagement.status == Engagement.Status.ENDED:
            status += f" on {engagement.ended_on:%Y-%m-%d}: {engagement.end_reason}"
        people = Table(
            title=f"{engagement.get_kind_display()} {engagement.uuid}: {status}",
            title_justify="left",
        )
        for column in ("Person", "Role", "Answer"):
            people.add_column(column)
        for p in selectors.engagement_people(engagement=engagement):
            answer = p.get_acceptance_display()
            if p.needs_coachee_approval:
                answer += (
                    ", approved by the coachee" if p.coachee_approved_at else ", coachee: not yet"
                )
            people.add_row(p.member.user.display_name, p.get_role_display(), answer)
        history = Table(title="History", title_justify="left")
        for column in ("When (UTC)", "What", "Who", "From -> to", "Why"):
            history.add_column(column)
        for t in selectors.engagement_history(engagement=engagement):
            history.add_row(
                f"{t.at:%Y-%m-%d %H:%M}",
                t.get_action_display(),
                t.by.user.display_name if t.by else "",
                f"{t.from_status or '-'} -> {t.to_status}",
                t.reason,
            )
        return [people, history]

    def render(self, *tables: Table) -> None:
        buffer = io.StringIO()
        terminal = self.stdout.isatty()
        console = Console(
            file=buffer,
            width=None if terminal else WIDTH,
            force_terminal=terminal,
            no_color=not terminal,
            highlight=False,
        )
        for table in tables:
            console.print(table)
        self.stdout.write("\n".join(line.rstrip() for line in buffer.getvalue().splitlines()))


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)
