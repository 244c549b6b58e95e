"""Background work: a large program's report, made by `trellis worker`."""

from django_tasks import task


@task()
def make_report(report_id: int) -> None:
    from trellis.outcomes.services import report_make

    report_make(report_id=report_id)
