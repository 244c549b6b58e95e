"""`trellis <command>`: the one front door to Trellis.

Commands over the pure core (`match`, `language`, and `frameworks` without the database) run
without setting up Django, so they and their `--help` start at once; everything else goes to
Django's management commands. A database that was never migrated gets a sentence, not a traceback.
"""

import os
import sys
from importlib import import_module

USAGE = """usage: trellis <command> [options]

Commands (run `trellis <command> --help` for the options of each):
  demo-seed        create or refresh the demo organizations and print their logins
  import-people    import people into an organization from a CSV file
  export-openapi   write the API's OpenAPI document (docs/openapi.json)
  export-help      write every command's --help to trellis/cli/help.json (after changing a command)
  migrate          create or update the database tables
  runserver        serve Trellis for development
  serve            serve Trellis in production (collectstatic, then gunicorn with workers)
  worker           run the background-task worker (reminders, emails) with its health heartbeat
  create-org       create the first organization and its admin
  backup           copy the database to a file (SQLite) or run pg_dump (PostgreSQL)
  reminders        run one reminder pass now and queue the worker's next one
  frameworks       validate, import, list and show coaching frameworks
  instruments      validate, import, list and show instruments (assessments, surveys)
  rubrics          validate, import and list observation rubrics (instructional coaching)
  programs         validate, import, list and show program templates; enrol a CSV; run the program pass
  teams            run the team pulse pass (close finished pulses, send the ones a team's cadence asks for)
  stakeholders     run the stakeholder feedback pass (email each leadership goal's due round of single-use links)
  leadership       validate, import, list and show competency models; the decision review pass
  efficacy         run the peer-coach self-check pass (after each held peer session)
  report           a program's outcome report as PDF or CSV (report program SLUG --out FILE.pdf)
  coach            coach yourself in the terminal (coach --framework grow --user EMAIL)
  goals            list a person's goals and action plan (goals list --user EMAIL)
  engagements      list, show, pause, end, reopen and leave engagements (engagements list --user EMAIL)
  attendance       what became of an engagement's sessions, per member for a group (attendance ID --user EMAIL)
  people           a person's data archive, erasure on request, the retention pass (people export EMAIL)
  language         victim/player stance or inclusive wording of a text (language stance TEXT)
  match            peer and mentor matching, exact and explained (match run RULES.toml PEOPLE.csv --out M.csv)

Every Django management command is available too (`trellis help` lists them).
"""

ALIASES = {
    "create-org": "create_org",
    "demo-seed": "demo_seed",
    "import-people": "import_people",
    "export-openapi": "export_openapi",
    "export-help": "export_help",
}


# name -> (module, class) of a plain command (trellis/cli/plain.py)
PLAIN = {
    "match": ("trellis.cli.match", "Match"),
    "language": ("trellis.cli.language", "Language"),
    "frameworks": ("trellis.cli.frameworks", "Frameworks"),
}

NOT_MIGRATED = (
    "The database has no Trellis tables yet ({detail}). Run `trellis migrate` first "
    "(or `make demo`, which migrates and seeds a demo organization)."
)


def needs_database(command: str, args: list[str]) -> bool:
    return command == "frameworks" and (
        "--org" in args or any(a.startswith("--org=") for a in args) or args[:1] == ["import"]
    )


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return
    name, args = argv[0], argv[1:]
    if name in PLAIN and not needs_database(name, args):
        from trellis.cli.plain import run

        module, cls = PLAIN[name]
        sys.exit(run(name, getattr(import_module(module), cls)(), args))
    command = ALIASES.get(name, name)
    if {"-h", "--help"} & set(args):
        from trellis.cli.helptext import stored

        text = stored(command, args)
        if text is not None:
            print(text, end="")
            return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["trellis", command, *args])
    except (OperationalError, ProgrammingError) as exc:
        if not missing_table(exc):
            raise
        print(NOT_MIGRATED.format(detail=str(exc).splitlines()[0]), file=sys.stderr)
        sys.exit(1)


def missing_table(exc: Exception) -> bool:
    """SQLite's "no such table" and PostgreSQL's undefined_table (42P01)."""
    return (
        "no such table" in str(exc)
        or getattr(getattr(exc, "__cause__", None), "sqlstate", None) == "42P01"
    )


if __name__ == "__main__":
    main()
