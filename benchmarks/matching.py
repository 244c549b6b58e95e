"""Trellis's matching engine against mentor-match, and Trellis alone at scale.

    .venv/bin/python benchmarks/matching.py                      # everything (mentor-match at 1,000 takes minutes)
    .venv/bin/python benchmarks/matching.py --part compare --sizes 100,300
    .venv/bin/python benchmarks/matching.py --part large --part peer

compare: mentor-match (installed only for this script: `make bench-install`) and Trellis match the
same generated people, read from the same mentor-match folder, with equivalent rules: the rules of
the Civil Service scheme mentor-match was written for (same organisation and grade gaps outside 1..2
disqualify; 12 points for a gap of 2, 9 for a gap of 1, 10 for the same profession; an unmatched
bonus of 6; three rounds, so up to three partners each). Both results are scored the same way:
the points of every pair, plus 6 for every person who got at least one partner (Trellis's reading
of the unmatched bonus; mentor-match adds it per round to pairs with a newcomer, which has no
meaning outside its rounds). Pair points alone are shown too.

process: the whole commands, each a fresh process as a person runs it: mentor-match as a script
(its `python -m matching` fails in 7.0.1: it calls conduct_matching_from_file without the rules it
requires, so the script passes the same rules as `compare`) against `trellis match mentor-match DIR --rules
RULES --out OUT`, start-up and imports included (best of 3). Compiled modules are cached (in a
temporary folder) as an installed Python caches them, after a first run of each; --no-bytecode-cache
leaves that to the environment (PYTHONDONTWRITEBYTECODE=1: every run compiles what it imports).

large: 10,000 mentees and 2,000 mentors with 5 places each, under rules with every criterion kind.
peer: 2,000 people paired with each other. Each runs in a fresh process so that its peak memory
(VmHWM, or `resource.getrusage` where /proc is missing) is its own.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import operator
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is called matching.py, like mentor-match's package: keep its folder off the path so that
# `import matching` finds mentor-match.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from trellis.core.matching import (  # noqa: E402
    load_rules,
    parse_rules,
    read_mentor_match_folder,
    read_participants,
    run_matching,
    write_matches,
    write_mentor_match_folder,
)

SEED = 7
UNMATCHED_BONUS = 6
COMPARE_RULES = ROOT / "docs" / "examples" / "matching" / "mentor-match" / "rules.toml"
ORGANISATIONS = [
    "Home Office", "HM Revenue and Customs", "Department for Work and Pensions", "Ministry of Justice",
    "Ministry of Defence", "Department for Education", "Cabinet Office", "HM Treasury",
    "Department of Health and Social Care", "Department for Transport", "Department for Business and Trade",
    "Foreign, Commonwealth and Development Office", "Office for National Statistics",
    "Department for Environment, Food and Rural Affairs", "Department for Science, Innovation and Technology",
    "Department for Culture, Media and Sport", "Department for Energy Security and Net Zero",
    "Government Legal Department", "Crown Prosecution Service", "Land Registry",
]  # fmt: skip
PROFESSIONS = [
    "Operational Delivery", "Policy", "Digital", "Finance", "Project Delivery", "Human Resources",
    "Commercial", "Communications", "Economics", "Statistics", "Legal", "Science and Engineering",
    "Property", "Security", "Internal Audit",
]  # fmt: skip
FIRST = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Erin",
    "Farah",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kai",
    "Lena",
]
LAST = [
    "Nwosu",
    "Kelly",
    "Diaz",
    "Reid",
    "Yilmaz",
    "Grant",
    "Hall",
    "Ali",
    "Brown",
    "Osei",
    "Moore",
]
SKILLS = [
    "budgeting", "negotiation", "hiring", "public speaking", "roadmaps", "stakeholders", "testing",
    "architecture", "data analysis", "writing", "coaching", "change management", "procurement",
    "risk", "strategy", "presenting", "research", "design", "leadership", "delegation",
]  # fmt: skip
INTERESTS = [
    "running", "chess", "jazz", "cooking", "climbing", "film", "gardening", "cycling", "reading",
    "photography", "football", "music", "travel", "volunteering", "yoga", "theatre", "art",
    "history", "languages", "board games", "hiking", "swimming", "podcasts", "writing", "baking",
]  # fmt: skip
ZONES = [
    ("America/Los_Angeles", 8), ("America/New_York", 16), ("America/Sao_Paulo", 6),
    ("Europe/London", 22), ("Europe/Berlin", 16), ("Africa/Lagos", 6), ("Asia/Kolkata", 12),
    ("Asia/Singapore", 8), ("Australia/Sydney", 6),
]  # fmt: skip
LANGUAGES = ["Spanish", "French", "German", "Hindi", "Portuguese", "Mandarin", "Arabic"]


# ----------------------------------------------------------------------------------------------
# People of a realistic shape


def zipf_choice(rng: random.Random, items: list[str]) -> str:
    return rng.choices(items, weights=[1 / (rank + 1) ** 0.8 for rank in range(len(items))])[0]


def layout_person(rng: random.Random, role: str, number: int) -> dict[str, str]:
    profession = zipf_choice(rng, PROFESSIONS)
    if role == "mentor":
        grade = rng.choices([2, 3, 4, 5, 6, 7], weights=[5, 10, 20, 25, 25, 15])[0]
    else:
        grade = rng.choices([1, 2, 3, 4, 5, 6], weights=[15, 25, 25, 20, 10, 5])[0]
    return {
        "first name": rng.choice(FIRST),
        "last name": f"{rng.choice(LAST)}-{number}",
        "email": f"{role}.{number}@example.gov.uk",
        "role": f"{profession} officer",
        "organisation": zipf_choice(rng, ORGANISATIONS),
        "grade": str(grade),
        "profession": profession,
    }


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def mentor_match_folder(folder: Path, per_side: int, seed: int) -> None:
    rng = random.Random(seed)
    write_csv(folder / "mentors.csv", [layout_person(rng, "mentor", i) for i in range(per_side)])
    write_csv(folder / "mentees.csv", [layout_person(rng, "mentee", i) for i in range(per_side)])


def program_person(rng: random.Random, role: str, number: int) -> dict[str, str]:
    zone = rng.choices([z for z, _ in ZONES], weights=[w for _, w in ZONES])[0]
    languages = ["English"] if rng.random() < 0.9 else []
    languages += rng.sample(LANGUAGES, rng.choice([0, 0, 1, 1, 2]))
    senior = role in ("mentor",)
    grade = rng.randint(4, 8) if senior else rng.randint(1, 6)
    return {
        "id": f"{role}{number}@example.org",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "role": role,
        "grade": str(grade),
        "department": zipf_choice(rng, PROFESSIONS),
        "offers": ";".join(rng.sample(SKILLS, rng.randint(2, 4)))
        if senior or role == "peer"
        else "",
        "needs": ";".join(rng.sample(SKILLS, rng.randint(1, 3))) if not senior else "",
        "interests": ";".join(rng.sample(INTERESTS, rng.randint(2, 4))),
        "timezone": zone,
        "languages": ";".join(languages) or "English",
        "manager": "",
        "previous": "",
        "exclude": "",
    }


def program_file(path: Path, counts: dict[str, int], seed: int) -> None:
    rng = random.Random(seed)
    rows = [program_person(rng, role, i) for role, count in counts.items() for i in range(count)]
    ids = [row["id"] for row in rows]
    for row in rows:  # some reporting lines, earlier pairs and exclusions
        if rng.random() < 0.3:
            row["manager"] = rng.choice(ids)
        if rng.random() < 0.1:
            row["previous"] = rng.choice(ids)
        if rng.random() < 0.02:
            row["exclude"] = rng.choice(ids)
    by_id = {row["id"]: row for row in rows}
    for row in rows:  # break reporting loops
        seen, current = {row["id"]}, row["manager"]
        while current:
            if current in seen:
                row["manager"] = ""
                break
            seen.add(current)
            current = by_id[current]["manager"] if current in by_id else ""
    write_csv(path, rows)


PROGRAM_RULES = """
shape = "{shape}"
objective = "{objective}"
unmatched_bonus = 2
{sides}
{capacity}

[[criteria]]
name = "grade"
kind = "difference"
attribute = "grade"
operator = "{grade_operator}"
target = {grade_target}
weight = "{grade_weight}"

[[criteria]]
kind = "different"
attribute = "department"
weight = "medium"

[[criteria]]
kind = "offers_needs"
offers = "offers"
needs = "needs"
weight = "high"

[[criteria]]
kind = "overlap"
attribute = "interests"
weight = "low"

[[criteria]]
kind = "timezone"
max_gap = 3
weight = "must"

[[criteria]]
kind = "language"
weight = "must"
"""


def program_rules(peer: bool, objective: str) -> str:
    if peer:
        return PROGRAM_RULES.format(
            shape="peer", objective=objective, sides="", capacity="",
            grade_operator="<=", grade_target=2, grade_weight="low",
        )  # fmt: skip
    return PROGRAM_RULES.format(
        shape="bipartite", objective=objective, sides='sides = ["mentor", "mentee"]',
        capacity="[capacity]\nmentor = 5\nmentee = 1", grade_operator=">=", grade_target=1,
        grade_weight="must",
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------
# The same scoring for both tools


def pair_points(mentor: dict[str, str], mentee: dict[str, str]) -> int | None:
    """The rules' points for a pair, None when the rules disqualify it."""
    gap = int(mentor["grade"]) - int(mentee["grade"])
    if mentor["organisation"] == mentee["organisation"] or not 0 < gap <= 2:
        return None
    if mentor["email"] == mentee["email"]:
        return None
    return (12 if gap == 2 else 9) + (10 if mentor["profession"] == mentee["profession"] else 0)


def common_score(pairs: list[tuple[str, str]], folder: Path) -> tuple[int, int, int]:
    """(pair points, people matched, total with the bonus); fails on a pair the rules forbid."""
    people = {}
    for name in ("mentors.csv", "mentees.csv"):
        with (folder / name).open(encoding="utf-8") as stream:
            people[name] = {row["email"]: row for row in csv.DictReader(stream)}
    points = 0
    for mentor, mentee in pairs:
        value = pair_points(people["mentors.csv"][mentor], people["mentees.csv"][mentee])
        if value is None:
            raise AssertionError(f"forbidden pair {mentor} / {mentee}")
        points += value
    if len(set(pairs)) != len(pairs):
        raise AssertionError("a pair was made twice")
    matched = len({m for m, _ in pairs}) + len({e for _, e in pairs})
    return points, matched, points + UNMATCHED_BONUS * matched


def run_mentor_match(folder: Path) -> tuple[float, list[tuple[str, str]]]:
    import matching.rules.rule as rl  # type: ignore[import-not-found]
    from matching import process  # type: ignore[import-not-found]

    def base_rules() -> list[Any]:
        return [
            rl.Disqualify(lambda match: match.mentee.organisation == match.mentor.organisation),
            rl.Disqualify(rl.Grade(target_diff=2, logical_operator=operator.gt).evaluate),
            rl.Disqualify(rl.Grade(target_diff=0, logical_operator=operator.le).evaluate),
            rl.Grade(2, operator.eq, {True: 12, False: 0}),
            rl.Grade(1, operator.eq, {True: 9, False: 0}),
            rl.Equivalent("profession", {True: 10, False: 0}),
            rl.UnmatchedBonus(UNMATCHED_BONUS),
        ]

    started = time.perf_counter()
    mentors, _mentees = process.conduct_matching_from_file(folder, [base_rules() for _ in range(3)])
    process.create_mailing_list(mentors, folder / "mentor-match-output")
    seconds = time.perf_counter() - started
    pairs = [(mentor.email, mentee.email) for mentor in mentors for mentee in mentor.mentees]
    return seconds, pairs


def run_trellis(folder: Path) -> tuple[float, list[tuple[str, str]]]:
    started = time.perf_counter()
    rules = load_rules(COMPARE_RULES)
    roster = read_mentor_match_folder(folder, rules)
    result = run_matching(rules, roster)
    write_mentor_match_folder(result, roster, folder / "trellis-output")
    seconds = time.perf_counter() - started
    return seconds, [(m.left.id, m.right.id) for m in result.matches]


def compare(sizes: list[int]) -> None:
    try:
        import matching.process  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        print("mentor-match is not installed: `make bench-install` installs it for this script.")
        return
    print(
        "mentor-match against Trellis, same people and rules, both reading the same folder and writing"
    )
    print(
        "their output files (best of 3 runs up to 300 per side); score = pair points + 6 per person"
    )
    print("matched (pair points in brackets)")
    header = f"{'per side':>8} | {'mentor-match s':>14} | {'Trellis s':>9} | {'faster':>7} | {'mentor-match score':>20} | {'Trellis score':>20} | people matched (mm / T)"
    print(header)
    print("-" * len(header))
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            mentor_match_folder(folder, size, SEED + size)
            # Best of three on small sizes, as timeit does: the machine may be busy with other work.
            repeats = 3 if size <= 300 else 1
            trellis_runs = [run_trellis(folder) for _ in range(repeats)]
            mm_runs = [run_mentor_match(folder) for _ in range(repeats)]
            trellis_seconds, trellis_pairs = min(trellis_runs)
            mm_seconds, mm_pairs = min(mm_runs)
            mm_points, mm_people, mm_total = common_score(mm_pairs, folder)
            t_points, t_people, t_total = common_score(trellis_pairs, folder)
        verdict = "" if t_total >= mm_total else "  <- Trellis lower!"
        print(
            f"{size:>8} | {mm_seconds:>14.2f} | {trellis_seconds:>9.3f} | {mm_seconds / trellis_seconds:>6.0f}x | "
            f"{mm_total:>9} ({mm_points:>8}) | {t_total:>9} ({t_points:>8}) | {mm_people} / {t_people}{verdict}",
            flush=True,
        )


MENTOR_MATCH_SCRIPT = f"""
import operator, sys
from pathlib import Path
import matching.rules.rule as rl
from matching import process
def rules():
    return [
        rl.Disqualify(lambda match: match.mentee.organisation == match.mentor.organisation),
        rl.Disqualify(rl.Grade(target_diff=2, logical_operator=operator.gt).evaluate),
        rl.Disqualify(rl.Grade(target_diff=0, logical_operator=operator.le).evaluate),
        rl.Grade(2, operator.eq, {{True: 12, False: 0}}),
        rl.Grade(1, operator.eq, {{True: 9, False: 0}}),
        rl.Equivalent("profession", {{True: 10, False: 0}}),
        rl.UnmatchedBonus({UNMATCHED_BONUS}),
    ]
folder = Path(sys.argv[1])
mentors, mentees = process.conduct_matching_from_file(folder, [rules() for _ in range(3)])
process.create_mailing_list(mentors, folder / "output")
process.create_mailing_list(mentees, folder / "output")
"""


def timed_command(command: list[str], env: dict[str, str] | None = None) -> float:
    import subprocess

    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def command_env(bytecode_cache: Path | None) -> dict[str, str]:
    """The environment both commands run in. With a cache folder, compiled modules are kept there
    (as an installed Python keeps them in __pycache__), so that a run measures imports, not the
    compiling of every module's source; without one, whatever the caller's environment says
    (PYTHONDONTWRITEBYTECODE=1 makes every run compile every module it imports)."""
    env = dict(os.environ)
    if bytecode_cache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode_cache)
    return env


def whole_process(sizes: list[int], compiled: bool = True) -> None:
    try:
        import matching.process  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        print("mentor-match is not installed: `make bench-install` installs it for this script.")
        return
    trellis = str(Path(sys.executable).parent / "trellis")
    print(
        "whole commands, each a fresh process (best of 3); compiled modules "
        + (
            "cached as an installed Python caches them (a first run of each fills the cache)"
            if compiled
            else "not cached: PYTHONDONTWRITEBYTECODE="
            + os.environ.get("PYTHONDONTWRITEBYTECODE", "")
        )
        + f"; load average {os.getloadavg()[0]:.1f}"
    )
    header = f"{'per side':>8} | {'mentor-match script s':>21} | {'trellis match mentor-match s':>28} | {'faster':>6}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            mentor_match_folder(folder, size, SEED + size)
            ours = [trellis, "match", "mentor-match", str(folder), "--rules", str(COMPARE_RULES)]
            ours += ["--out", str(folder / "trellis-output")]
            theirs = [sys.executable, "-c", MENTOR_MATCH_SCRIPT, str(folder)]
            env = command_env(folder / "pycache" if compiled else None)
            if compiled:
                timed_command(theirs, env)
                timed_command(ours, env)
            mm = min(timed_command(theirs, env) for _ in range(3))
            t = min(timed_command(ours, env) for _ in range(3))
        print(
            f"{size:>8} | {mm:>21.2f} | {t:>28.2f} | {mm / t:>5.1f}x"
            f"  (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )


# ----------------------------------------------------------------------------------------------
# Trellis alone at scale, each in its own process


def _timed_run(kind: str, objective: str, queue: Any) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        participants = folder / "participants.csv"
        peer = kind == "peer"
        counts = {"peer": 2000} if peer else {"mentor": 2000, "mentee": 10000}
        program_file(participants, counts, SEED)
        if peer:  # the generator writes roles; a peer run ignores them
            pass
        started = time.perf_counter()
        rules = parse_rules(program_rules(peer, objective), "benchmark.toml")
        roster = read_participants(participants, rules)
        timings: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            key = stage.split(":")[0]
            timings[key] = timings.get(key, 0.0) + now - last[0]
            last[0] = now

        result = run_matching(rules, roster, progress=progress)
        write_matches(result, folder / "matches.csv")
        seconds = time.perf_counter() - started
    queue.put(_figures(result, seconds, timings))


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM, because ru_maxrss survives exec and so would
    count the parent's memory at the time this process was started."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _figures(result: Any, seconds: float, timings: dict[str, float]) -> dict[str, Any]:
    peak = _peak_mb()
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "pairs": len(result.matches),
        "matched": result.people_matched,
        "people": result.people,
        "score": result.total_score,
        "stages": timings,
    }


def alone(kind: str, objective: str) -> None:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_timed_run, args=(kind, objective, queue))
    process.start()
    figures = queue.get()
    process.join()
    label = {
        "large": "10,000 mentees x 2,000 mentors (5 places each)",
        "peer": "peer pairing of 2,000 people",
    }[kind]
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in figures["stages"].items())
    print(
        f"{label}, objective {objective}: {figures['seconds']:.1f} s, peak memory "
        f"{figures['peak_mb']:.0f} MB; {figures['pairs']} pairs, {figures['matched']} of "
        f"{figures['people']} people matched, total score {figures['score']:.2f} ({stages})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--part", action="append", choices=["compare", "process", "large", "peer"],
        help="run only these parts (repeatable); default: all",
    )  # fmt: skip
    parser.add_argument("--sizes", default="100,300,1000", help="people per side for compare")
    parser.add_argument(
        "--objective", default="score", choices=["score", "participation"],
        help="objective for the large and peer runs",
    )  # fmt: skip
    parser.add_argument(
        "--no-bytecode-cache", action="store_true",
        help="process: leave compiled modules uncached as the environment says (every run then"
        " compiles every module it imports, which weighs on the command with more imports)",
    )  # fmt: skip
    options = parser.parse_args()
    parts = options.part or ["compare", "process", "large", "peer"]
    print(
        f"seed {SEED}; Python {sys.version.split()[0]}; {multiprocessing.cpu_count()} CPUs",
        flush=True,
    )
    if "compare" in parts:
        compare([int(size) for size in options.sizes.split(",")])
    if "process" in parts:
        whole_process(
            [int(size) for size in options.sizes.split(",") if int(size) <= 300],
            compiled=not options.no_bytecode_cache,
        )
    if "large" in parts:
        alone("large", options.objective)
    if "peer" in parts:
        alone("peer", options.objective)


if __name__ == "__main__":
    main()
