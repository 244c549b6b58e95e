"""Reports: a program report (its dashboard, every number at the anonymity threshold) and a
coachee's own progress report, as PDF or CSV. A small program's report is made at once; a large
one (over REPORT_BACKGROUND_ABOVE enrolled people) by the worker, which records its progress."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from trellis.accounts.language import in_language_of
from trellis.accounts.models import Membership
from trellis.core import pdf_report
from trellis.core.charts import line_chart
from trellis.core.spreadsheet import csv_bytes
from trellis.outcomes import selectors
from trellis.outcomes.models import Report
from trellis.programs.models import Program

HIDDEN_NOTE = gettext_lazy(
    "Every number about fewer than {k} people is hidden ('fewer than {k}'), and so is any number "
    "that a wider view minus this one would reveal about fewer than {k}."
)
# stored in English on the report; its page shows it in the reader's language
FAILED = gettext_noop("The report could not be made; ask for it again, or tell your administrator.")


def program_document(
    *, member: Membership, program: Program
) -> tuple[pdf_report.Document, list[list[object]]]:
    """The program report as a PDF document and as spreadsheet rows."""
    result = selectors.dashboard_for(member=member, program=program.slug)
    assert result is not None  # the caller checked outcomes.report.program
    board = result.board
    k = board.threshold
    hidden = selectors.fewer_than(k)
    people = hidden if board.people is None else str(board.people)
    sections = [
        pdf_report.Section(
            heading=shown.title,
            svg=shown.svg,
            table=[["", gettext("Value"), gettext("People")]]
            + [
                [label, hidden if value is None else value, people_n or ""]
                for label, value, people_n in shown.rows
            ],
        )
        for shown in selectors.shown_panels(board)
    ]
    document = pdf_report.Document(
        title=gettext("Program report: %(program)s") % {"program": program.name},
        subtitle=gettext("%(org)s - from %(day)s")
        % {"org": program.org.name, "day": date_format(program.starts_on, "d F Y")},
        lines=[
            gettext("People counted: %(people)s.") % {"people": people},
            gettext("Made on %(day)s.") % {"day": date_format(timezone.localdate(), "d F Y")},
            HIDDEN_NOTE.format(k=k),
        ],
        sections=sections,
    )
    return document, selectors.dashboard_rows(board)


def my_document(*, member: Membership) -> tuple[pdf_report.Document, list[list[object]]]:
    """A coachee's own progress: their engagements, attendance and GAS trend (their own data,
    so nothing is hidden from them)."""
    mine = selectors.my_progress(member=member)
    rows: list[list[object]] = [
        [
            gettext("Engagement"),
            gettext("Coach"),
            gettext("Status"),
            gettext("Held"),
            gettext("No-show"),
            gettext("Late cancellation"),
        ]
    ]
    sections = []
    for item in mine:
        rows.append([item.topic, item.coach, item.status, item.held, item.no_show, item.late])
        svg = ""
        if item.gas:
            svg = line_chart(
                item.gas,
                title=gettext("Goal attainment (GAS T-score): %(topic)s")
                % {"topic": item.topic or item.coach},
                y_min=20,
                y_max=80,
                decimals=1,
                reference=50,
                reference_label=gettext("as expected"),
            )
        table = [[gettext("Review"), gettext("T-score")]] + [
            [on.isoformat(), round(t, 1)] for on, t in item.gas
        ]
        sections.append(
            pdf_report.Section(
                heading=gettext("%(topic)s with %(coach)s")
                % {"topic": item.topic or gettext("Coaching"), "coach": item.coach},
                svg=svg,
                table=table if item.gas else (),
                notes=[
                    gettext(
                        "Status: %(status)s. Sessions held: %(held)s; no-shows: %(no_show)s; "
                        "late cancellations: %(late)s."
                    )
                    % {
                        "status": item.status,
                        "held": item.held,
                        "no_show": item.no_show,
                        "late": item.late,
                    },
                    *[
                        gettext("%(name)s: %(pre).1f before, %(post).1f after (%(verdict)s).")
                        % {"name": name, "pre": pre, "post": post, "verdict": gettext(verdict)}
                        for name, pre, post, verdict in item.instruments
                    ],
                ],
            )
        )
    document = pdf_report.Document(
        title=gettext("My progress: %(person)s") % {"person": member.user},
        subtitle=member.org.name,
        lines=[
            gettext("Made on %(day)s. Only you can make this report.")
            % {"day": date_format(timezone.localdate(), "d F Y")}
        ],
        sections=sections,
    )
    return document, rows


def _make(report: Report) -> None:
    def progress(percent: int) -> None:
        Report.objects.filter(pk=report.pk).update(progress=min(percent, 99))

    member = report.requested_by
    with in_language_of(member.user):  # the worker writes it in the requester's language
        if report.kind == Report.Kind.PROGRAM:
            assert report.program is not None
            document, rows = program_document(member=member, program=report.program)
        else:
            document, rows = my_document(member=member)
    if report.format == Report.Format.PDF:
        content = pdf_report.render(document, progress=progress)
    else:
        content = csv_bytes(rows)
    Report.objects.filter(pk=report.pk).update(
        content=content, status=Report.Status.DONE, progress=100, finished_at=timezone.now()
    )


def report_make(*, report_id: int) -> None:
    """Make a queued report (the worker's task, or at once for a small program)."""
    report = Report.objects.select_related(
        "requested_by__org", "requested_by__user", "program__org"
    ).get(pk=report_id)
    if report.status == Report.Status.DONE:
        return
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING, progress=1)
    try:
        _make(report)
    except Exception:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error=FAILED)
        raise


def report_request(
    *, actor: Membership, program: Program | None, format: str, now: datetime | None = None
) -> Report:
    """Ask for a report; a large program's is queued for the worker, any other is made now."""
    kind = Report.Kind.PROGRAM if program is not None else Report.Kind.MINE
    with transaction.atomic(durable=True):
        report = Report.objects.create(
            org=actor.org, kind=kind, format=format, program=program, requested_by=actor
        )
    large = program is not None and program.enrolments.count() > settings.REPORT_BACKGROUND_ABOVE
    if large:
        from trellis.outcomes.tasks import make_report

        make_report.enqueue(report_id=report.pk)
    else:
        report_make(report_id=report.pk)
    report.refresh_from_db()
    return report


def program_pdf(*, member: Membership, program: Program) -> bytes:
    """The program report's PDF at once (the terminal's `trellis report program`)."""
    document, _ = program_document(member=member, program=program)
    return pdf_report.render(document)
