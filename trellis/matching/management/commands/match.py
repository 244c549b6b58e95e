from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from trellis.core.matching import (
    MatchingInputError,
    MatchResult,
    Objective,
    Review,
    Roster,
    Rules,
    load_rules,
    read_mentor_match_folder,
    read_participants,
    read_review,
    run_matching,
    write_matches,
    write_mentor_match_folder,
)

OBJECTIVES = [objective.value for objective in Objective]


class Command(BaseCommand):
    help = (
        "Match mentors and mentees, coaches and coachees, or peers, with rules from a TOML file. "
        "'run' reads a participants CSV and writes one row per pair (score and explanation) and "
        "per person left unmatched (with the reason); 'mentor-match' reads and writes the folder "
        "layout of the mentor-match package. The optimum is exact; nothing is written when an "
        "input file has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        run = sub.add_parser("run", help="match the participants of a CSV file")
        run.add_argument("rules", metavar="RULES.toml", help="the matching rules")
        run.add_argument("participants", metavar="PARTICIPANTS.csv", help="one row per participant")
        run.add_argument(
            "--out", required=True, metavar="MATCHES.csv", help="where to write the matches"
        )
        layout = sub.add_parser(
            "mentor-match",
            help="match DIR/mentors.csv and DIR/mentees.csv (mentor-match's layout)",
        )
        layout.add_argument(
            "folder", metavar="DIR", help="the folder with mentors.csv and mentees.csv"
        )
        layout.add_argument(
            "--rules", required=True, metavar="RULES.toml", help="the matching rules"
        )
        layout.add_argument(
            "--out",
            required=True,
            metavar="OUTDIR",
            help="where to write mentors-list.csv, mentees-list.csv and matches.csv",
        )
        for action in (run, layout):
            action.add_argument(
                "--objective",
                choices=OBJECTIVES,
                help="score: the highest total score; participation: the most people matched, "
                "then the highest score (default: the rules file's objective)",
            )
            action.add_argument(
                "--review",
                metavar="REVIEW.csv",
                help="a matches file with the decision column set to lock or ban on some rows: "
                "locked pairs stay, banned pairs are not made",
            )

    def handle(self, *args: object, action: str, **options: object) -> None:
        objective = Objective(str(options["objective"])) if options.get("objective") else None
        try:
            if action == "run":
                rules = load_rules(str(options["rules"]))
                roster = read_participants(str(options["participants"]), rules)
            else:
                rules = load_rules(str(options["rules"]))
                roster = read_mentor_match_folder(str(options["folder"]), rules)
            review = read_review(str(options["review"]), rules) if options.get("review") else None
            result = self.solve(rules, roster, objective, review)
            if action == "run":
                write_matches(result, str(options["out"]))
                written = [Path(str(options["out"]))]
            else:
                written = write_mentor_match_folder(result, roster, str(options["out"]))
        except MatchingInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.summary(result, written)

    def solve(
        self, rules: Rules, roster: Roster, objective: Objective | None, review: Review | None
    ) -> MatchResult:
        if not self.stderr.isatty():
            return run_matching(rules, roster, objective=objective, review=review)
        console = Console(stderr=True)
        columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("reading", total=1)
            return run_matching(
                rules, roster, objective=objective, review=review, progress=_updater(bar, task)
            )

    def summary(self, result: MatchResult, written: list[Path]) -> None:
        unmatched = len(result.unmatched)
        self.stdout.write(
            f"Matched {len(result.matches)} pairs: {result.people_matched} of {result.people} "
            f"people ({unmatched} unmatched, objective: {result.objective})"
        )
        self.stdout.write(f"Total score: {round(result.total_score, 4):g}")
        self.stdout.write(f"Time: {result.seconds:.2f} s")
        for path in written:
            self.stdout.write(f"Wrote {path}")


def _updater(bar: Progress, task: object) -> Callable[[str, int, int], None]:
    def update(stage: str, done: int, total: int) -> None:
        bar.update(task, description=stage, completed=done, total=total)  # type: ignore[arg-type]

    return update
