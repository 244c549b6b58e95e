import io

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from trellis.accounts.models import Membership
from trellis.goals import selectors, services

WIDTH = 110  # when the output is not a terminal (pipes, tests)
NO_MEMBERSHIP = "{email} is not a member of any organization{where}."
SEVERAL_ORGS = "{email} belongs to several organizations; choose one with --org: {slugs}."
STATE = {"overdue": "OVERDUE", "due_soon": "due soon", "later": "", "no_date": "", "finished": ""}


class Command(BaseCommand):
    help = "Goals and action plans: `list` shows a person's plan (goals, actions by urgency, GAS T-score)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        show = sub.add_parser("list", help="a person's plan: goals, then actions, overdue first")
        show.add_argument("--user", required=True, metavar="EMAIL", help="the coachee's email")
        show.add_argument(
            "--org", metavar="SLUG", help="the organization (needed when they belong to several)"
        )

    def handle(self, *args: object, action: str, **options: object) -> None:
        member = self.member(str(options["user"]), options.get("org"))
        today = services.local_today(member)
        plan = selectors.plan_build(coachee=member, today=today, whole=True)
        self.render(*self.tables(member, plan))

    def member(self, email: str, slug: object) -> Membership:
        memberships = Membership.objects.filter(user__email__iexact=email, is_active=True)
        if slug:
            memberships = memberships.filter(org__slug=str(slug))
        found = list(memberships.select_related("org", "user"))
        if not found:
            where = f" called {slug!r}" if slug else ""
            raise CommandError(NO_MEMBERSHIP.format(email=email, where=where), returncode=2)
        if len(found) > 1:
            slugs = ", ".join(sorted(m.org.slug for m in found))
            raise CommandError(SEVERAL_ORGS.format(email=email, slugs=slugs), returncode=2)
        return found[0]

    def tables(self, member: Membership, plan: selectors.Plan) -> list[object]:
        who = f"{member.user.display_name} in {member.org.name}"
        goals = Table(title=f"Plan of {who}", title_justify="left")
        for column in ("Goal", "Status", "Due", "Progress", "GAS", "Coach"):
            goals.add_column(column, no_wrap=column != "Goal")
        for line in plan.goals:
            goal = line.goal
            goals.add_row(
                goal.title,
                goal.get_status_display(),
                f"{goal.due_date:%Y-%m-%d}" if goal.due_date else "",
                "" if line.progress is None else f"{line.progress:.0f}%",
                ""
                if line.last_score is None
                else f"{line.last_score:+d}"
                if line.last_score
                else "0",
                goal.engagement.coach.user.display_name if goal.engagement else "(own goal)",
            )
        actions = Table(title="Open actions, overdue and due soon first", title_justify="left")
        for column in ("Action", "Due", "", "Owner", "Progress", "Commitment"):
            actions.add_column(column, no_wrap=column != "Action")
        for a in plan.actions:
            action = a.action
            slipped = f" slipped {a.slipped_days}d" if a.slipped_days else ""
            actions.add_row(
                action.what,
                f"{action.due_date:%Y-%m-%d}" if action.due_date else "",
                STATE[a.state.value] + slipped,
                action.owner.user.display_name,
                f"{action.percent}%",
                "" if action.commitment is None else f"{action.commitment}/10",
            )
        t_score = "not scored yet" if plan.t_score is None else f"{plan.t_score:.1f}"
        trend = f" ({plan.direction})" if plan.direction else ""
        summary = f"GAS T-score: {t_score}{trend}. {len(plan.overdue)} overdue, {len(plan.due_soon)} due soon."
        return [goals, actions, summary]

    def render(self, *renderables: object) -> None:
        buffer = io.StringIO()
        terminal = self.stdout.isatty()
        console = Console(
            file=buffer,
            width=None if terminal else WIDTH,
            force_terminal=terminal,
            no_color=not terminal,
            highlight=False,
        )
        for renderable in renderables:
            console.print(renderable)
        self.stdout.write("\n".join(line.rstrip() for line in buffer.getvalue().splitlines()))
