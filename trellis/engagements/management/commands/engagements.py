"""`trellis engagements list|show|propose|pause|end|reopen|leave`: a thin door over the lifecycle
services (kinds.py for team, group and peer engagements, leaving.py for leaving one's place).

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
from trellis.accounts.models import Membership, Team
from trellis.engagements import history as engagement_history
from trellis.engagements import kinds, leaving, lifecycle, selectors
from trellis.engagements.models import Engagement

WIDTH = 110  # when the output is not a terminal (pipes, tests)
NO_MEMBERSHIP = "{email} is not a member of any organization{where}."
SEVERAL_ORGS = "{email} belongs to several organizations; choose one with --org: {slugs}."
NOT_FOUND = "No engagement {id} that {email} may see."
NOT_ALLOWED = "{email} may not {verb} this engagement."
LEFT = "You left engagement {id} ({status}); the others in it are told by email.\n"
BAD_DATE = "--on: expected a date as YYYY-MM-DD, found {value!r}."
STATUSES = [s for s, _ in Engagement.Status.choices]
KINDS = [k for k, _ in Engagement.Kind.choices]
OPTIONS = {  # the services' field names as the command's options
    "coach": "--coach",
    "co_coaches": "--co-coach",
    "sponsor": "--sponsor",
    "coachee": "--coachee",
    "coachees": "--coachee",
    "peers": "--coachee",
    "team": "--team",
}
NO_TEAM = "no team of this organization is called {name!r}."
ONE_COACHEE = "a {kind} engagement has exactly one coachee: give --coachee once."


class Command(BaseCommand):
    help = (
        "Engagements: `list` those a person may see, `show` one with its people and history, "
        "`propose` one of any kind (a team's members, a group, peers, or 1:1), "
        "`pause`, `end` (with a reason) and `reopen` one, or `leave` one's own place, as that "
        "person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = sub.add_parser("list", help="the engagements a person may see")
        listing.add_argument("--status", choices=STATUSES, help="only engagements in this status")
        show = sub.add_parser("show", help="one engagement: people, answers, status, history")
        pause = sub.add_parser("pause", help="pause an active engagement (coach or coachee)")
        end = sub.add_parser("end", help="end an engagement (coach, coachee or admin)")
        reopen = sub.add_parser("reopen", help="reopen an ended engagement (coach or coachee)")
        leave = sub.add_parser(
            "leave", help="leave your own place (coach, coachee or member, sponsor, observer)"
        )
        propose = sub.add_parser(
            "propose", help="propose an engagement; each coached person accepts their own place"
        )
        propose.add_argument("--kind", choices=KINDS, default="one_to_one", help="the kind")
        propose.add_argument("--team", metavar="NAME", help="team: the team whose members it takes")
        propose.add_argument(
            "--no-leader", action="store_true", help="team: leave out the members' manager"
        )
        propose.add_argument(
            "--coachee",
            action="append",
            default=[],
            metavar="EMAIL",
            help="one_to_one, group, peer (in rotation order), instructional: repeat per person",
        )
        propose.add_argument("--coach", required=True, metavar="EMAIL", help="the lead coach")
        propose.add_argument(
            "--co-coach", action="append", default=[], metavar="EMAIL", help="repeat per co-coach"
        )
        propose.add_argument("--sponsor", metavar="EMAIL", help="an optional sponsor")
        propose.add_argument("--topic", default="", help="what it is about, in a line")
        for one in (show, pause, end, reopen, leave):
            one.add_argument("engagement", metavar="ID", help="the engagement's id (a UUID)")
        for changing in (pause, reopen):
            changing.add_argument("--reason", default="", help="why, kept in the history")
        end.add_argument("--reason", required=True, help="why it ends, kept in the history")
        end.add_argument("--on", metavar="YYYY-MM-DD", help="the end date (default: today)")
        leave.add_argument(
            "--reason", required=True, help="why you leave: read only by you and the coaches"
        )
        for each in (listing, show, propose, pause, end, reopen, leave):
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
        if action == "propose":
            engagement = self.propose(member, options)
            self.render(*self.show_tables(self.engagement(member, str(engagement.uuid)), member))
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
            elif action == "leave":
                self.require(member, "engagement.leave", engagement, "leave")
                engagement = leaving.engagement_leave(
                    actor=member, engagement=engagement, reason=reason
                )
        except ValidationError as exc:
            raise CommandError(" ".join(_messages(exc))) from exc
        if action == "leave" and not policy.allows(member, "engagement.view", engagement):
            # a member who left a team, group or peer engagement no longer sees it
            self.stdout.write(LEFT.format(id=engagement.uuid, status=engagement.status))
            return
        engagement = self.engagement(member, str(engagement.uuid))
        self.render(*self.show_tables(engagement, member))

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

    def propose(self, member: Membership, options: dict[str, object]) -> Engagement:
        try:
            policy.require(member, "engagement.create")
        except (PermissionDenied, Http404) as exc:
            raise CommandError(NOT_ALLOWED.format(email=member.user.email, verb="propose")) from exc
        kind = str(options["kind"])

        def people(emails: object, field: str) -> list[Membership]:
            named = [str(e) for e in emails] if isinstance(emails, list) else []
            return kinds.members_by_email(org_id=member.org_id, emails=named, field=field)

        try:
            coach = people([options["coach"]], "--coach")[0]
            co_coaches = people(options["co_coach"], "--co-coach")
            sponsor = people([options["sponsor"]], "--sponsor")[0] if options["sponsor"] else None
            coachees = people(options["coachee"], "--coachee")
            topic = str(options["topic"])
            if kind == "team":
                team = Team.objects.filter(org=member.org, name=str(options["team"] or "")).first()
                if team is None:
                    raise ValidationError({"--team": NO_TEAM.format(name=options["team"] or "")})
                return kinds.engagement_propose_team(
                    actor=member,
                    team=team,
                    coach=coach,
                    co_coaches=co_coaches,
                    sponsor=sponsor,
                    topic=topic,
                    with_leader=not options["no_leader"],
                )
            if kind == "group":
                return kinds.engagement_propose_group(
                    actor=member,
                    coach=coach,
                    coachees=coachees,
                    co_coaches=co_coaches,
                    sponsor=sponsor,
                    topic=topic,
                )
            if kind == "peer":
                return kinds.engagement_propose_peer(
                    actor=member, coach=coach, peers=coachees, topic=topic
                )
            if len(coachees) != 1:
                raise ValidationError({"--coachee": ONE_COACHEE.format(kind=kind)})
            return lifecycle.engagement_propose(
                actor=member,
                coach=coach,
                coachee=coachees[0],
                co_coaches=co_coaches,
                sponsor=sponsor,
                kind=kind,
                topic=topic,
            )
        except ValidationError as exc:
            named = {OPTIONS.get(k, k): v for k, v in exc.message_dict.items()}
            raise CommandError(" ".join(_messages(ValidationError(named), named=True))) from exc

    def day(self, value: object) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError as exc:
            raise CommandError(BAD_DATE.format(value=value)) from exc

    def list_table(self, member: Membership, rows: list[Engagement]) -> Table:
        table = Table(title=f"Engagements {member.user.display_name} may see", title_justify="left")
        for column in ("ID", "Status", "Kind", "Coach", "Coached", "Since"):
            table.add_column(column, no_wrap=column in ("ID", "Status", "Since"))
        for e in rows:
            table.add_row(
                str(e.uuid),
                e.get_status_display(),
                e.get_kind_display(),
                e.coach.user.display_name,
                e.coachee_summary(),
                f"{e.started_on:%Y-%m-%d}",
            )
        return table

    def show_tables(self, engagement: Engagement, member: Membership) -> list[Table]:
        status = engagement.get_status_display()
        if engagement.status == Engagement.Status.ENDED:
            status += f" on {engagement.ended_on:%Y-%m-%d}: {engagement_history.end_reason_shown(engagement)}"
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
        tables = [people]
        turn = kinds.rotation_turn(engagement)
        if turn is not None:
            rotation = Table(
                title=f"Peer rotation (next: turn {turn.number})", title_justify="left"
            )
            rotation.add_column("Order")
            rotation.add_column("Peer")
            for at, peer in enumerate(kinds.rotation_peers(engagement), start=1):
                now = " (coaches next)" if peer.pk == turn.coach.pk else ""
                now += " (coached next)" if peer.pk == turn.coachee.pk else ""
                rotation.add_row(str(at), peer.user.display_name + now)
            tables.append(rotation)
        history = Table(title="History", title_justify="left")
        for column in ("When (UTC)", "What", "Who", "From -> to", "Why"):
            history.add_column(column)
        history_rows = selectors.engagement_history(engagement=engagement)
        for line in engagement_history.lines_for(history_rows, member):
            t = line.transition
            history.add_row(
                f"{t.at:%Y-%m-%d %H:%M}",
                line.text,
                t.by.user.display_name if t.by else "",
                f"{line.from_status or '-'} -> {line.to_status}",
                line.reason,
            )
        return [*tables, history]

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


def _messages(exc: ValidationError, named: bool = False) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [
            f"{field}: {m}" if named else m
            for field, messages in exc.message_dict.items()
            for m in messages
        ]
    return list(exc.messages)
