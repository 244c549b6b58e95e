"""Pages for instruments: the catalogue, uploads, administering, an administration's results,
and the answer page that a signed single-use link opens (no account needed)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.core.instruments import InstrumentError, UnknownInstrumentError
from trellis.instruments import selectors, services
from trellis.instruments.forms import AdministerForm, AnswerForm, InstrumentUploadForm
from trellis.instruments.models import Administration


@org_view("instrument.list")
def instrument_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    mine = [
        (r, "" if r.has_answered or not r.administration.is_open else services.answer_token(r))
        for r in selectors.respondents_of(member=member)
    ]
    context = {
        "entries": selectors.instruments_for(org=member.org),
        "mine": mine,
        "administrations": selectors.administrations_for(member=member),
        "may_import": policy.allows(member, "instrument.import"),
    }
    return render(request, "instruments/list.html", context)


@org_view("instrument.import")
def instrument_upload(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = InstrumentUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            stored, created = services.instrument_import(
                org=member.org, text=form.cleaned_data["file"], source=form.filename, actor=member
            )
        except InstrumentError as exc:
            problems = exc.messages()
        else:
            if created:
                messages.success(
                    request,
                    gettext("%(name)s is stored as version %(version)s.")
                    % {"name": stored.name, "version": stored.version},
                )
            else:
                messages.info(
                    request,
                    gettext("%(name)s is unchanged: version %(version)s is the same.")
                    % {"name": stored.name, "version": stored.version},
                )
            return redirect("instruments:detail", slug=member.org.slug, key=stored.key)
    return render(request, "instruments/upload.html", {"form": form, "problems": problems})


@org_view("instrument.list")
def instrument_detail(request: HttpRequest, key: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    entry = selectors.instrument_find(org=member.org, key=key)
    if entry is None:
        raise Http404
    context = {
        "entry": entry,
        "instrument": entry.instrument,
        "spec": entry.instrument.spec,
        "history": selectors.instrument_history(org=member.org, key=key) if entry.stored else [],
        "may_administer": policy.allows(member, "instrument.administer"),
    }
    return render(request, "instruments/detail.html", context)


@org_view("instrument.administer")
def administration_new(request: HttpRequest, key: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    entry = selectors.instrument_find(org=member.org, key=key)
    if entry is None:
        raise Http404
    form = AdministerForm(request.POST or None, member=member, key=key)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            administration = services.administration_create(
                actor=member,
                key=key,
                target=data["target"],
                title=data["title"],
                subject=data["subject"],
                engagement=data["engagement"],
                team=data["team"],
                cohort=data["cohort"],
                cohort_members=list(data["cohort_members"]),
                stakeholders=data["stakeholders"],
                baseline=data["baseline"],
            )
        except (ValidationError, UnknownInstrumentError) as exc:
            errors = (
                exc.message_dict
                if isinstance(exc, ValidationError) and hasattr(exc, "error_dict")
                else {"__all__": [str(exc)]}
            )
            for field, problems in errors.items():
                for problem in problems:
                    form.add_error(None if field not in form.fields else field, problem)
        else:
            count = administration.respondents.count()
            messages.success(
                request,
                ngettext("Sent to %(count)s respondent.", "Sent to %(count)s respondents.", count)
                % {"count": count},
            )
            return redirect(
                "instruments:administration", slug=member.org.slug, uuid=administration.uuid
            )
    context = {"form": form, "instrument": entry.instrument}
    return render(request, "instruments/administer.html", context)


def _administration(request: HttpRequest, uuid: str, action: str) -> Administration:
    member = request.member  # type: ignore[attr-defined]
    administration = selectors.administration_get(org=member.org, uuid=uuid)
    if administration is None:
        raise Http404
    policy.require(member, action, administration)
    return administration


@org_view("administration.list")
def administration_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    administration = _administration(request, uuid, "administration.view")
    results = selectors.results_for(member=member, administration=administration)
    mine = results.mine
    context = {
        "administration": administration,
        "results": results,
        "instrument": results.instrument,
        "may_manage": policy.allows(member, "administration.manage", administration),
        "answer_token": services.answer_token(mine.respondent)
        if mine and not mine.respondent.has_answered and administration.is_open
        else "",
    }
    return render(request, "instruments/administration.html", context)


@require_POST
@org_view("administration.list")
def administration_remind(request: HttpRequest, uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    administration = _administration(request, uuid, "administration.manage")
    try:
        count = services.administration_remind(actor=member, administration=administration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("Reminded %(count)s respondent.", "Reminded %(count)s respondents.", count)
            % {"count": count},
        )
    return redirect("instruments:administration", slug=member.org.slug, uuid=administration.uuid)


@require_POST
@org_view("administration.list")
def administration_close(request: HttpRequest, uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    administration = _administration(request, uuid, "administration.manage")
    services.administration_close(actor=member, administration=administration)
    messages.success(
        request, gettext("Closed: it takes no more answers, and its results can show.")
    )
    return redirect("instruments:administration", slug=member.org.slug, uuid=administration.uuid)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The page a single-use link opens: no account needed, the signed token is the key."""
    try:
        respondent = services.respondent_from_token(token)
    except services.LinkError as exc:
        status = 410 if exc.gone else 404
        return render(
            request, "instruments/link_invalid.html", {"message": str(exc)}, status=status
        )
    administration = respondent.administration
    instrument = selectors.instrument_of(administration.instrument)
    form = AnswerForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.answers_submit(respondent=respondent, answers=dict(form.cleaned_data))
        except services.LinkError as exc:
            return render(
                request, "instruments/link_invalid.html", {"message": str(exc)}, status=410
            )
        except InstrumentError as exc:  # the form checks the scale first; kept as a safety net
            for problem in exc.problems:
                form.add_error(
                    problem.where if problem.where in form.fields else None, str(problem)
                )
        else:
            from trellis.core.instruments import score

            context = {"instrument": instrument, "score": score(instrument, done.answers)}
            return render(request, "instruments/answered.html", context)
    context = {"form": form, "instrument": instrument, "administration": administration}
    return render(request, "instruments/answer.html", context)
