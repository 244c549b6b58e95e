"""`trellis match`: peer and mentor matching over files, without Django."""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from trellis.cli.plain import Failure, PlainCommand

OBJECTIVES = ("score", "participation")  # trellis.core.matching.Objective, without importing SciPy


class Match(PlainCommand):
    help = (
        "Match mentors and mentees, coaches and coachees, or peers, with rules from a TOML file. "
        "'run' reads a participants CSV and writes one row per pair (score and explanation) and "
        "per person left unmatched (with the reason); 'mentor-match' reads and writes the folder "
        "layout of the mentor-match package. The optimum is exact; nothing is written when an "
        "input file has a problem."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
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

    def handle(self, out: TextIO, /, **options: Any) -> None:
        from trellis.core import matching as m

        action = options["action"]
        objective = m.Objective(options["objective"]) if options.get("objective") else None
        try:
            rules = m.load_rules(str(options["rules"]))
            if action == "run":
                roster = m.read_participants(str(options["participants"]), rules)
            else:
                roster = m.read_mentor_match_folder(str(options["folder"]), rules)
            review = m.read_review(str(options["review"]), rules) if options.get("review") else None
            result = solve(rules, roster, objective, review)
            if action == "run":
                m.write_matches(result, str(options["out"]))
                written = [Path(str(options["out"]))]
            else:
                written = m.write_mentor_match_folder(result, roster, str(options["out"]))
        except m.MatchingInputError as exc:  # a bad data file: exit 1, like every import
            raise Failure(str(exc), code=1) from None
        unmatched = len(result.unmatched)
        out.write(
            f"Matched {len(result.matches)} pairs: {result.people_matched} of {result.people} "
            f"people ({unmatched} unmatched, objective: {result.objective})\n"
            f"Total score: {round(result.total_score, 4):g}\n"
            f"Time: {result.seconds:.2f} s\n"
        )
        for path in written:
            out.write(f"Wrote {path}\n")


def solve(rules: Any, roster: Any, objective: Any, review: Any) -> Any:
    """Run the solver, with a progress bar on standard error when it is a terminal."""
    import sys

    from trellis.core.matching import run_matching

    if not sys.stderr.isatty():
        return run_matching(rules, roster, objective=objective, review=review)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading", total=1)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        progress: Callable[[str, int, int], None] = update
        return run_matching(rules, roster, objective=objective, review=review, progress=progress)
