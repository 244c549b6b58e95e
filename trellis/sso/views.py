"""Single sign-on pages: finding one's organization, its sign-in page (which starts the flow at
allauth's provider), and the admins' settings (Settings → Single sign-on)."""

from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods

from trellis.accounts.door import org_view
from trellis.sso import selectors, services
from trellis.sso.forms import FindOrganizationForm, SsoSettingsForm
from trellis.sso.models import Protocol, SsoSettings

NOT_FOUND = gettext_noop(
    "No organization signs in through an identity provider with that address or name."
)


@require_http_methods(["GET", "POST"])
def find(request: HttpRequest) -> HttpResponse:
    form = FindOrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["email"].strip()
        sso = (
            selectors.sso_for_email(email=typed)
            if "@" in typed
            else selectors.sso_of(slug=typed.lower())
        )
        if sso is not None:
            return redirect("sso:start", slug=sso.org.slug)
        form.add_error("email", gettext(NOT_FOUND))
    status = 400 if request.method == "POST" else 200
    return render(request, "sso/find.html", {"form": form}, status=status)


@require_http_methods(["GET"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    sso = selectors.sso_of(slug=slug)
    if sso is None:
        raise Http404
    provider = get_adapter(request).get_provider(request, sso.provider_id)
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}) and wanted.startswith("/")
    login_url = provider.get_login_url(
        request, process="login", **({"next": wanted} if safe else {})
    )
    response = render(request, "sso/start.html", {"sso": sso, "login_url": login_url})
    # the form posts here and is redirected to the identity provider, which form-action must allow
    response.csp_form_action = idp_origin(sso)  # type: ignore[attr-defined]  # read by the CSP middleware
    return response


def idp_origin(sso: SsoSettings) -> str:
    parts = urlsplit(sso.idp_sso_url if sso.protocol == Protocol.SAML else sso.issuer)
    return f"{parts.scheme}://{parts.netloc}"


def _urls(request: HttpRequest, slug: str) -> dict[str, str]:
    """What the admin gives their identity provider about Trellis."""
    names = {
        "callback": ("openid_connect_callback", {"provider_id": f"org-{slug}"}),
        "acs": ("saml_acs", {"organization_slug": slug}),
        "metadata": ("saml_metadata", {"organization_slug": slug}),
        "start": ("sso:start", {"slug": slug}),
    }
    return {
        key: request.build_absolute_uri(reverse(name, kwargs=kw))
        for key, (name, kw) in names.items()
    }


@org_view("org.settings")
def sso_settings(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    sso = SsoSettings.objects.filter(org=member.org).first()
    form = SsoSettingsForm(request.POST or None, initial=SsoSettingsForm.initial_of(sso))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sso_settings_save(
                actor=member,
                data=services.SsoIn(
                    enabled=data["enabled"],
                    protocol=data["protocol"],
                    issuer=data["issuer"],
                    client_id=data["client_id"],
                    client_secret=data["client_secret"],
                    metadata_url=data["metadata_url"],
                    metadata_xml=data["metadata_xml"],
                    allowed_domains=services.domains_in(data["allowed_domains"]),
                    sso_required=data["sso_required"],
                    role_claim=data["role_claim"],
                    role_map=services.role_map_in(data["role_map"]),
                ),
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, gettext("Single sign-on settings saved."))
            return redirect("sso:settings", slug=member.org.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "sso/settings.html",
        {
            "form": form,
            "sso": sso,
            "secret_hint": f"…{sso.client_secret[-4:]}"
            if sso and len(sso.client_secret) > 11
            else "",
            "urls": _urls(request, member.org.slug),
        },
        status=status,
    )
