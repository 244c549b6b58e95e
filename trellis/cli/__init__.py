"""`trellis <command>`: the one front door to Trellis's management commands."""

import os
import sys

USAGE = """usage: trellis <command> [options]

Commands (run `trellis <command> --help` for the options of each):
  demo-seed        create or refresh the demo organizations and print their logins
  import-people    import people into an organization from a CSV file
  export-openapi   write the API's OpenAPI document (docs/openapi.json)
  migrate          create or update the database tables
  runserver        serve Trellis for development
  worker           run the background-task worker (reminders, emails)
  reminders        run one reminder pass now and queue the worker's next one
  frameworks       validate, import, list and show coaching frameworks
  coach            coach yourself in the terminal (coach --framework grow --user EMAIL)
  goals            list a person's goals and action plan (goals list --user EMAIL)
  language         victim/player stance or inclusive wording of a text (language stance TEXT)
  match            peer and mentor matching, exact and explained (match run RULES.toml PEOPLE.csv --out M.csv)

Every Django management command is available too (`trellis help` lists them).
"""

ALIASES = {
    "worker": "db_worker",
    "demo-seed": "demo_seed",
    "import-people": "import_people",
    "export-openapi": "export_openapi",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE, end="")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trellis.settings")
    from django.core.management import execute_from_command_line

    command = ALIASES.get(argv[0], argv[0])
    execute_from_command_line(["trellis", command, *argv[1:]])


if __name__ == "__main__":
    main()
