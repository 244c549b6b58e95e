"""Pages for frameworks: the ones an organization can run, one framework's stages, uploads."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.frameworks import KINDS, FrameworkError, Voice
from trellis.frameworks import selectors, services
from trellis.frameworks.forms import FrameworkUploadForm
from trellis.frameworks.texts import core_text

VOICE_QUESTIONS = {
    Voice.NON_DIRECTIVE: gettext_lazy("Non-directive questions"),
    Voice.DIALOGICAL: gettext_lazy("Dialogical questions"),
    Voice.DIRECTIVE: gettext_lazy("Directive questions"),
}


@org_view("framework.list")
def framework_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    may_import = policy.allows(member, "framework.import")
    context = {
        "entries": selectors.frameworks_for(org=member.org),
        "form": FrameworkUploadForm() if may_import else None,
    }
    return render(request, "frameworks/list.html", context)


@org_view("framework.import")
def framework_upload(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = FrameworkUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    count = 0
    if request.method == "POST" and form.is_valid():
        try:
            stored, created = services.framework_import(
                org=member.org, text=form.cleaned_data["file"], source=form.filename, actor=member
            )
        except FrameworkError as exc:
            problems, count = exc.messages(), len(exc.problems)
        else:
            if created:
                stored_as = _("%(name)s is stored as version %(version)s.")
                messages.success(
                    request, stored_as % {"name": stored.name, "version": stored.version}
                )
            else:
                unchanged = _("%(name)s is unchanged: version %(version)s is the same.")
                messages.info(request, unchanged % {"name": stored.name, "version": stored.version})
            return redirect("frameworks:detail", slug=member.org.slug, key=stored.key)
    context = {"form": form, "problems": problems, "count": count}
    status = 400 if problems or form.errors else 200
    return render(request, "frameworks/upload.html", context, status=status)


@org_view("framework.list")
def framework_detail(request: HttpRequest, key: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    entry = selectors.framework_find(org=member.org, key=key)
    if entry is None:
        raise Http404
    stages = [
        {
            "stage": stage,
            "produces": [core_text(KINDS[kind].label) for kind in stage.produces],
            "may_produce": [core_text(KINDS[kind].label) for kind in stage.may_produce],
            "voices": [(VOICE_QUESTIONS[voice], stage.prompts_for(voice)) for voice in Voice],
        }
        for stage in entry.framework.stages
    ]
    history = (
        selectors.framework_history(org=member.org, key=entry.framework.key) if entry.stored else []
    )
    context = {"entry": entry, "framework": entry.framework, "stages": stages, "history": history}
    return render(request, "frameworks/detail.html", context)
