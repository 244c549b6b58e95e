"""Background work: a large program's match, run by `trellis worker` (progress on the page)."""

from django_tasks import task


@task()
def run_match(program_id: int) -> None:
    from trellis.programs.models import Program

    from .models import MentoringProgram
    from .services import match_run

    program = Program.objects.get(pk=program_id)
    MentoringProgram.objects.filter(program=program).update(
        run_state=MentoringProgram.RunState.RUNNING
    )
    match_run(program=program)
