"""`trellis language`: victim/player stance and inclusive wording of a text, without Django."""

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from trellis.cli.plain import Failure, PlainCommand, render

if TYPE_CHECKING:
    from rich.text import Text

    from trellis.core.language import Analysis, Finding

STYLES = {"victim": "bold yellow", "player": "bold green"}


class Language(PlainCommand):
    help = (
        "Language insight. 'stance' reads victim, player or neutral language and shows the words "
        "it noticed with one reflective question; 'inclusive' lists wording that may exclude or "
        "stereotype, with why and better alternatives. Give the text as an argument, '-' to read "
        "one statement per line from standard input (one JSON object per line out), or nothing "
        "to read all of standard input as one text."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        for name, what in (
            ("stance", "victim/player stance, the words noticed and a reflective question"),
            ("inclusive", "wording that may exclude or stereotype, with alternatives"),
        ):
            action = sub.add_parser(name, help=what)
            action.add_argument(
                "text",
                nargs="?",
                metavar="TEXT",
                help="the text to read; '-' for one statement per line on standard input",
            )
            action.add_argument(
                "--json", action="store_true", help="print JSON instead of a readable rendering"
            )

    def handle(self, out: TextIO, /, **options: Any) -> None:
        from trellis.core.language import LexiconError, analyze, inclusive

        action = options["action"]
        text = options.get("text")
        as_json = bool(options.get("json"))
        try:
            if text == "-":
                for line in sys.stdin.read().splitlines():
                    out.write(json.dumps(result(action, line), ensure_ascii=False) + "\n")
            else:
                whole = sys.stdin.read() if text is None else str(text)
                if as_json:
                    out.write(json.dumps(result(action, whole), ensure_ascii=False) + "\n")
                elif action == "stance":
                    render(out, *show_analysis(analyze(whole)))
                else:
                    render(out, *show_findings(whole, inclusive(whole)))
        except LexiconError as exc:
            raise Failure(str(exc), code=2) from exc


def result(action: str, text: str) -> dict[str, object]:
    from trellis.core.language import analyze, inclusive

    if action == "stance":
        return analyze(text).to_dict()
    return {"text": text, "findings": [f.to_dict() for f in inclusive(text)]}


def highlighted(text: str, spans: Iterable[tuple[int, int, str]]) -> "Text":
    """The text with the noticed words styled (and bracketed, for output without colour)."""
    from rich.text import Text

    out = Text()
    position = 0
    for start, end, style in sorted(spans):
        if start < position:
            continue
        out.append(text[position:start])
        out.append(f"[{text[start:end]}]", style=style)
        position = end
    out.append(text[position:])
    return out


def show_analysis(analysis: "Analysis") -> "list[Text | str]":
    from rich.text import Text

    mixed = ", mixed" if analysis.mixed else ""
    out: list[Text | str] = [
        Text(f"Stance: {analysis.stance}{mixed} (score {analysis.score:+.2f})", style="bold"),
        highlighted(
            analysis.text,
            ((m.start, m.end, STYLES.get(m.stance, "bold")) for m in analysis.markers),
        ),
    ]
    if analysis.whole_text:
        out.append(
            "Read as a whole, this sounds like you choosing what to do next;"
            " no single words show it."
        )
    if analysis.markers:
        out.append(Text("Words noticed:", style="bold"))
        for marker in analysis.markers:
            out.append(
                f"  - \u201c{marker.text}\u201d ({marker.stance}, {marker.category}): {marker.explanation}"
            )
    out += ["", Text(f"To reflect on: {analysis.reflection}", style="italic")]
    return out


def show_findings(text: str, findings: "list[Finding]") -> "list[Text | str]":
    from rich.text import Text

    if not findings:
        return ["No wording to reconsider was found."]
    out: list[Text | str] = [
        highlighted(text, ((f.start, f.end, "bold magenta") for f in findings))
    ]
    for finding in findings:
        alternatives = ", ".join(finding.alternatives)
        out += [
            Text(f"\u201c{finding.text}\u201d ({finding.category})", style="bold"),
            f"  Why: {finding.why}",
            f"  Try: {alternatives}",
        ]
    return out
