"""`trellis coach`: a self-coaching session in the terminal, saved like any other session."""

import sys
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from trellis.accounts.models import Membership, User
from trellis.core.frameworks import Voice, run_dialogue
from trellis.engagements import selectors, services

NO_SUCH_USER = "No one has the email address {email!r}."
WHICH_USER = "Say who is coaching themselves with --user EMAIL."
NO_MEMBERSHIP = "{email} belongs to no organization{where}."
WHICH_ORG = "{email} belongs to several organizations; choose one with --org: {slugs}."


class Command(BaseCommand):
    help = (
        "Coach yourself in the terminal: a framework's stages, question by question, then what "
        "each stage produces. Answers may be piped in, one line per prompt; a blank line skips a "
        "question; the end of input finishes the session. It is saved like any other session and "
        "ends with a summary of the goal and actions."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--framework", default="grow", help="the framework's key (default grow)"
        )
        parser.add_argument(
            "--style",
            choices=[voice.value for voice in Voice],
            default=Voice.NON_DIRECTIVE.value,
            help="the voice of the questions (default non-directive)",
        )
        parser.add_argument(
            "--user", help="your email address (default: the only person in the database)"
        )
        parser.add_argument(
            "--org", help="the organization's slug (default: your only organization)"
        )
        parser.add_argument("--topic", default="", help="what the session is about, in a line")

    def handle(self, *args: Any, **options: Any) -> None:
        member = self.member(options["user"], options["org"])
        try:
            session = services.coaching_session_create(
                actor=member,
                framework_key=options["framework"],
                style=options["style"],
                topic=options["topic"],
            )
        except ValidationError as exc:
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            raise CommandError(problems, returncode=2) from exc
        engine = selectors.session_engine(session)
        stdin: IO[str] = options.get("stdin") or sys.stdin
        self.stdout.write(
            f"{engine.framework.name}, {engine.style.value} style, for {member.user.display_name} "
            f"in {member.org.name}. A blank line skips a question; end of input finishes."
        )
        try:
            run_dialogue(engine, lambda prompt: self.ask(prompt, stdin), self.stdout.write)
        except KeyboardInterrupt:
            services.coaching_session_store(actor=member, session=session, engine=engine)
            raise CommandError(
                "Stopped: the session is saved as in progress.", returncode=130
            ) from None
        session = services.coaching_session_store(actor=member, session=session, engine=engine)
        path = reverse(
            "engagements:session_summary",
            kwargs={"slug": member.org.slug, "session_uuid": session.uuid},
        )
        self.stdout.write(f"Saved as session {session.uuid} ({path}).")

    def ask(self, prompt: str, stdin: IO[str]) -> str | None:
        if stdin is sys.stdin and stdin.isatty():
            try:
                return input(prompt)  # line editing in a terminal
            except EOFError:
                return None
        self.stdout.write(prompt, ending="")
        self.stdout.flush()
        line = stdin.readline()
        if not line:
            self.stdout.write("")
            return None
        self.stdout.write(line.rstrip("\n"))  # a piped answer shows in the transcript
        return line.rstrip("\n")

    def member(self, email: str | None, slug: str | None) -> Membership:
        if email:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(NO_SUCH_USER.format(email=email), returncode=2)
        else:
            users = list(User.objects.all()[:2])
            if len(users) != 1:
                raise CommandError(WHICH_USER, returncode=2)
            user = users[0]
        memberships = Membership.objects.filter(user=user, is_active=True).select_related("org")
        if slug:
            memberships = memberships.filter(org__slug=slug)
        found = list(memberships)
        if not found:
            where = f" with the slug {slug!r}" if slug else ""
            raise CommandError(NO_MEMBERSHIP.format(email=user.email, where=where), returncode=2)
        if len(found) > 1:
            slugs = ", ".join(m.org.slug for m in found)
            raise CommandError(WHICH_ORG.format(email=user.email, slugs=slugs), returncode=2)
        return found[0]
