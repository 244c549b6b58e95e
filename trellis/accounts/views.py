"""Pages for people, invitations, roles, API tokens, the audit log and organization settings."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy, selectors, services
from trellis.accounts.door import org_view
from trellis.accounts.forms import (
    InvitationForm,
    LanguageForm,
    OrgSettingsForm,
    PeopleFilterForm,
    PeopleImportForm,
    RolesForm,
    TokenForm,
)
from trellis.accounts.language import choose_language
from trellis.accounts.models import AuditEvent
from trellis.accounts.paging import page_of
from trellis.accounts.receivers import PENDING_INVITATION
from trellis.core.spreadsheet import csv_bytes


@org_view("people.list")
def people(request: HttpRequest) -> HttpResponse:
    org = request.org  # type: ignore[attr-defined]
    form = PeopleFilterForm(request.GET, teams=selectors.team_names(org=org))
    found = selectors.org_people(org=org)
    if form.is_valid():
        found = selectors.people_search(
            org=org,
            text=form.cleaned_data["q"].strip(),
            role=form.cleaned_data["role"],
            team=form.cleaned_data["team"],
        )
    return render(
        request,
        "accounts/people.html",
        {"page": page_of(request, found), "filter_form": form, "import_form": PeopleImportForm()},
    )


@org_view("people.import")
def people_import(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    count = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.people_import(
                org=member.org, actor=member.user, data=upload.read(), source=upload.name
            )
        except services.PeopleImportError as exc:
            errors, count = exc.errors, exc.count
        else:
            messages.success(
                request,
                gettext("Import finished: %(summary)s.") % {"summary": report.summary},
            )
            return redirect("accounts:people", slug=member.org.slug)
    context = {"form": form, "errors": errors, "count": count}
    status = 400 if errors or form.errors else 200
    return render(request, "accounts/people_import.html", context, status=status)


@org_view("people.export")
def people_export(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    rows: list[list[object]] = [["email", "name", "roles", "manager_email", "team", "time_zone"]]
    for person in selectors.org_people(org=member.org):
        manager = person.manager.user.email if person.manager else ""
        rows.append(
            [
                person.user.email,
                person.user.name,
                ";".join(person.roles),
                manager,
                person.team.name if person.team else "",
                person.user.time_zone,
            ]
        )
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{member.org.slug}-people.csv"'
    services.audit_record(
        kind=AuditEvent.Kind.EXPORT, actor=member.user, org=member.org, what="people.csv"
    )
    return response


@org_view("member.roles.change")
def member_roles(request: HttpRequest, member_uuid: str) -> HttpResponse:
    actor = request.member  # type: ignore[attr-defined]
    person = selectors.member_get(org=actor.org, uuid=member_uuid)
    if person is None:
        raise Http404
    form = RolesForm(request.POST or None, initial={"roles": person.roles})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set_roles(
                actor=actor, member=person, roles=form.cleaned_data["roles"]
            )
        except ValidationError as exc:
            form.add_error("roles", exc)
        else:
            messages.success(request, gettext("Roles of %(name)s saved.") % {"name": person.user})
            return redirect("accounts:people", slug=actor.org.slug)
    return render(request, "accounts/member_roles.html", {"person": person, "form": form})


@org_view("invitation.manage")
def invitations(request: HttpRequest) -> HttpResponse:
    actor = request.member  # type: ignore[attr-defined]
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=actor, email=form.cleaned_data["email"], roles=form.cleaned_data["roles"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:invitations", slug=actor.org.slug)
    pending = selectors.invitations_pending(org=actor.org)
    return render(request, "accounts/invitations.html", {"form": form, "pending": pending})


@require_POST
@org_view("invitation.manage")
def invitation_revoke(request: HttpRequest, invitation_uuid: str) -> HttpResponse:
    actor = request.member  # type: ignore[attr-defined]
    invitation = selectors.invitation_get(org=actor.org, uuid=invitation_uuid)
    if invitation is None:
        raise Http404
    services.invitation_revoke(actor=actor, invitation=invitation)
    messages.success(
        request, gettext("Invitation for %(email)s withdrawn.") % {"email": invitation.email}
    )
    return redirect("accounts:invitations", slug=actor.org.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Anonymous visitors sign up (or log in) first."""
    try:
        invitation = services.invitation_check(token)
    except ValidationError as exc:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": exc.messages[0]}, status=410
        )
    if not request.user.is_authenticated:
        request.session[PENDING_INVITATION] = token
        # The link itself proves the address, so sign-up with it needs no second confirmation.
        get_adapter(request).stash_verified_email(request, invitation.email)
        return render(
            request, "accounts/invitation_welcome.html", {"invitation": invitation, "token": token}
        )
    if request.method == "POST":
        try:
            member = services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            return render(
                request, "accounts/invitation_invalid.html", {"reason": exc.messages[0]}, status=409
            )
        messages.success(request, gettext("Welcome to %(org)s.") % {"org": member.org.name})
        return redirect("web:org_home", slug=member.org.slug)
    return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})


@org_view("audit.read")
def audit_log(request: HttpRequest) -> HttpResponse:
    org = request.org  # type: ignore[attr-defined]
    events = selectors.audit_events(org=org, limit=None)
    kind = request.GET.get("kind", "")
    if kind in AuditEvent.Kind.values:
        events = events.filter(kind=kind)
    return render(
        request,
        "accounts/audit.html",
        {"page": page_of(request, events), "kinds": AuditEvent.Kind.choices},
    )


@org_view("org.settings")
def org_settings(request: HttpRequest) -> HttpResponse:
    actor = request.member  # type: ignore[attr-defined]
    org = actor.org
    form = OrgSettingsForm(
        request.POST or None,
        initial={
            "require_mfa": org.require_mfa,
            "language_insight_enabled": org.language_insight_enabled,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.organization_update_settings(actor=actor, **form.cleaned_data)
        messages.success(request, gettext("Settings saved."))
        return redirect("accounts:org_settings", slug=org.slug)
    return render(request, "accounts/org_settings.html", {"form": form})


@org_view("token.list")
def tokens(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = TokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST":
        policy.require(member, "token.create")
        if form.is_valid():
            _, new_token = services.api_token_create(member=member, name=form.cleaned_data["name"])
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": selectors.tokens_of(member=member),
            "new_token": new_token,
            "api_docs": reverse("api-1.0.0:openapi-view"),
        },
    )


@require_POST
@org_view("token.list")
def token_revoke(request: HttpRequest, token_uuid: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    token = selectors.token_get(member=member, uuid=token_uuid)
    if token is None:
        raise Http404
    policy.require(member, "token.revoke", token)
    services.api_token_revoke(member=member, token=token)
    messages.success(
        request,
        gettext("Token “%(name)s” revoked. Programs using it can no longer connect.")
        % {"name": token.name},
    )
    return redirect("accounts:tokens", slug=member.org.slug)


def language(request: HttpRequest) -> HttpResponse:
    """Choose the interface's language: kept on the person when signed in, in a cookie for everyone."""
    user = request.user
    chosen = (
        user.language
        if user.is_authenticated
        else request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    )
    posted = request.POST if request.method == "POST" else None  # an empty POST is "no choice"
    form = LanguageForm(posted, initial={"language": chosen})
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/language.html", {"form": form}, status=400)
        code = form.cleaned_data["language"]
        if user.is_authenticated:
            choose_language(user=user, language=code)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("accounts:language")
        translation.activate(code or translation.get_language_from_request(request))
        messages.success(request, _("Your language is saved."))
        response = redirect(back)
        if code:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax"
            )
        else:
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    return render(request, "accounts/language.html", {"form": form})
