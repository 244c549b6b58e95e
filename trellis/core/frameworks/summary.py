"""A session's artifacts as Markdown: the export, and the summary the terminal prints."""

from __future__ import annotations

from .artifacts import Artifacts
from .model import Framework

NO_GOAL = "No goal was set."
NO_ACTIONS = "No actions were agreed."


def artifacts_markdown(artifacts: Artifacts, framework: Framework, *, title: str = "") -> str:
    """Markdown for a session's artifacts; shared notes only, since private notes never get here."""
    names = {stage.key: stage.name for stage in framework.stages}
    lines = [f"# {title or framework.name + ' session'}", ""]
    lines += [
        f"Framework: {framework.name} (version {framework.version}), style: {artifacts.style}.",
        "",
    ]
    if artifacts.topic:
        lines += ["## Topic", "", artifacts.topic.topic, ""]
    previous = artifacts.previous
    if previous is not None:
        lines += [f"## Planned last time ({previous.finished_on})", ""]
        if previous.goal:
            lines.append(f"Goal: {previous.goal}")
        for planned in previous.actions:
            when = f" ({planned.when})" if planned.when else ""
            lines.append(f"- {planned.what}{when}")
        lines.append("")
    lines += ["## Goal", ""]
    goal = artifacts.goal
    if goal is None:
        lines += [NO_GOAL, ""]
    else:
        lines.append(goal.statement)
        if goal.success_measure:
            lines.append(f"- Success measure: {goal.success_measure}")
        if goal.due_text:
            lines.append(f"- Due: {goal.due_date.isoformat() if goal.due_date else goal.due_text}")
        if goal.set_by == "coach":
            lines.append("- Set by the coach (directive session)")
        if goal.peers_unmet:
            lines.append(f"- PEERS criteria not yet met: {', '.join(goal.peers_unmet)}")
        lines.append("")
    reality = artifacts.reality
    if reality.scalings or reality.resources or reality.emotions:
        lines += ["## Reality", ""]
        for stage, scaling in reality.scalings:
            lines.append(f"- {names[stage]}: {scaling.now}/10")
            if scaling.n_plus_one:
                lines.append(f"  - One point higher: {scaling.n_plus_one}")
        if reality.resources:
            for label, text in (
                ("Know-how", reality.resources.know_how),
                ("Resources", reality.resources.resources),
                ("Already happening", reality.resources.already_happening),
            ):
                if text:
                    lines.append(f"- {label}: {text}")
        if reality.emotions:
            if reality.emotions.feelings:
                lines.append(f"- Feelings: {reality.emotions.feelings}")
            if reality.emotions.buy_in is not None:
                lines.append(f"- Buy-in: {reality.emotions.buy_in}/10")
        lines.append("")
    if artifacts.options:
        lines += ["## Options", ""]
        for option in artifacts.options:
            details = [
                f"{label}: {text}"
                for label, text in (
                    ("for", option.pros),
                    ("against", option.cons),
                    ("consequences", option.consequences),
                )
                if text
            ]
            if option.rating is not None:
                details.append(f"feasibility {option.rating}/10")
            chosen = " (chosen)" if option.chosen else ""
            suffix = f": {'; '.join(details)}" if details else ""
            lines.append(f"- {option.option}{chosen}{suffix}")
        lines.append("")
    lines += ["## Actions", ""]
    if not artifacts.actions:
        lines += [NO_ACTIONS, ""]
    for action in artifacts.actions:
        details = [
            f"{label}: {text}"
            for label, text in (
                ("when", action.when_date.isoformat() if action.when_date else action.when_text),
                ("who", action.who),
                ("support", action.support),
                ("obstacles", action.obstacles),
            )
            if text
        ]
        if action.commitment is not None:
            details.append(f"commitment {action.commitment}/10")
        lines.append(f"- [ ] {action.what}" + (f" ({'; '.join(details)})" if details else ""))
    if artifacts.actions:
        lines.append("")
    if artifacts.review:
        lines += ["## Review", "", f"What is better: {artifacts.review.better}"]
        if artifacts.review.adjust:
            lines.append(f"What to adjust: {artifacts.review.adjust}")
        lines.append("")
    if artifacts.replies:
        lines += ["## Replies to the questions", ""]
        for reply in artifacts.replies:
            lines.append(f"- {names[reply.stage]}: *{reply.question}* {reply.reply}")
        lines.append("")
    if artifacts.notes:
        lines += ["## Notes", ""]
        lines += [f"- {names[note.stage]}: {note.text}" for note in artifacts.notes]
        lines.append("")
    if artifacts.feedback:
        lines += ["## Feedback", ""]
        lines += [f"- {names[item.stage]}: {item.text}" for item in artifacts.feedback]
        lines.append("")
    if artifacts.flags:
        lines += ["## To look at", ""]
        lines += [f"- {flag.message}" for flag in artifacts.flags]
        lines.append("")
    if artifacts.open_stages:
        open_names = ", ".join(names[key] for key in artifacts.open_stages)
        lines += [f"Stages still open: {open_names}.", ""]
    return "\n".join(lines)
