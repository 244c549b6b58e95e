"""Outcome pages: the dashboard (with its CSV), a program's report (PDF or CSV, made in the
background for a large program, with its progress), and a coachee's own progress report."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core import pdf_report
from trellis.core.spreadsheet import csv_bytes
from trellis.outcomes import selectors, services
from trellis.outcomes.models import Report
from trellis.programs.models import Program

CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"


def _filters(request: HttpRequest) -> dict[str, str]:
    return {
        name: request.GET.get(name, "")[:200]
        for name in ("program", "team", "coach", "period", "attribute")
    }


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@org_view("outcomes.dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    filters = _filters(request)
    result = selectors.dashboard_for(member=member, **filters)  # type: ignore[arg-type]
    assert result is not None  # the policy let admins, coaches and sponsors in
    context = {
        "result": result,
        "board": result.board,
        "panels": selectors.shown_panels(result.board),
        "filters": filters,
        "periods": selectors.PERIOD_LABELS,
        "hidden_text": selectors.fewer_than(result.board.threshold),
        "sponsored": selectors.sponsor_summary(member=member)
        if result.scope.kind == "sponsor"
        else None,
        "programs": Program.objects.filter(org=member.org).order_by("name")
        if member.is_admin
        else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "outcomes/dashboard.html", context)


@org_view("outcomes.dashboard")
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    filters = _filters(request)
    result = selectors.dashboard_for(member=member, **filters)  # type: ignore[arg-type]
    assert result is not None
    name = f"outcomes-{member.org.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    return _attachment(csv_bytes(selectors.dashboard_rows(result.board)), CSV, name)


def _program(request: HttpRequest, slug: str) -> Program:
    member = request.member  # type: ignore[attr-defined]
    program = Program.objects.filter(org=member.org, slug=slug).select_related("org").first()
    if program is None:
        raise Http404
    policy.require(member, "outcomes.report.program", program)
    return program


@org_view("outcomes.report.program")
def program_report(request: HttpRequest, program: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    found = _program(request, program)
    if request.method == "POST":
        format = request.POST.get("format", "pdf")
        if format not in Report.Format.values:
            format = Report.Format.PDF
        report = services.report_request(actor=member, program=found, format=format)
        return redirect("outcomes:report_status", slug=member.org.slug, report=report.uuid)
    reports = Report.objects.filter(program=found, requested_by=member).defer("content")[:10]
    context = {"program": found, "reports": reports}
    return render(request, "outcomes/program_report.html", context)


def _report(request: HttpRequest, uuid: str) -> Report:
    member = request.member  # type: ignore[attr-defined]
    report = (
        Report.objects.filter(org=member.org, uuid=uuid, requested_by=member)
        .select_related("program")
        .defer("content")
        .first()
    )
    if report is None:
        raise Http404  # someone else's report is nobody's business
    return report


@org_view("outcomes.report.program")
def report_status(request: HttpRequest, report: str) -> HttpResponse:
    found = _report(request, report)
    template = "outcomes/report_status.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#status"
    return render(request, template, {"report": found})


@org_view("outcomes.report.program")
def report_download(request: HttpRequest, report: str) -> HttpResponse:
    found = _report(request, report)
    if found.status != Report.Status.DONE:
        raise Http404
    content = bytes(Report.objects.values_list("content", flat=True).get(pk=found.pk))
    slug = found.program.slug if found.program else "report"
    if found.format == Report.Format.PDF:
        return _attachment(content, PDF, f"{slug}-report.pdf")
    return _attachment(content, CSV, f"{slug}-report.csv")


@org_view("outcomes.report.mine")
def my_report(request: HttpRequest) -> HttpResponse:
    """The coachee's own progress report, made at once (one person's data is small)."""
    member = request.member  # type: ignore[attr-defined]
    format = request.GET.get("format", "")
    if format not in Report.Format.values:
        return render(
            request, "outcomes/my_report.html", {"mine": selectors.my_progress(member=member)}
        )
    document, rows = services.my_document(member=member)
    name = f"my-progress-{timezone.localdate():%Y-%m-%d}"
    if format == Report.Format.CSV:
        return _attachment(csv_bytes(rows), CSV, f"{name}.csv")
    return _attachment(pdf_report.render(document), PDF, f"{name}.pdf")
