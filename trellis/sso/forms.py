"""The admin's SSO settings form, and allauth's login and password-reset forms taught that an
organization which requires SSO takes no passwords."""

from typing import Any

from allauth.account.forms import LoginForm, ResetPasswordForm
from django import forms
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from trellis.sso import selectors
from trellis.sso.models import Protocol, SsoSettings

PASSWORD_REFUSED = gettext_noop(
    "%(org)s signs its people in through its identity provider, not with a password: "
    "use “Sign in with your organization” (%(url)s)."
)
RESET_REFUSED = gettext_noop(
    "%(org)s signs its people in through its identity provider: there is no Trellis password to "
    "reset. Use “Sign in with your organization” (%(url)s)."
)


def refusal(template: str, sso: SsoSettings) -> forms.ValidationError:
    url = reverse("sso:start", args=[sso.org.slug])
    return forms.ValidationError(
        gettext(template) % {"org": sso.org.name, "url": url}, code="sso_required"
    )


class SsoLoginForm(LoginForm):
    def clean(self) -> dict[str, Any]:
        email = str(self.data.get("login", ""))
        before = selectors.sso_required_for_email(email=email) if "@" in email else None
        if before is not None:
            raise refusal(PASSWORD_REFUSED, before)
        cleaned = super().clean()
        user: Any = getattr(self, "user", None)  # allauth sets it once the password matched
        sso = selectors.sso_required_for(user=user) if user is not None else None
        if sso is not None:
            self.user = None
            raise refusal(PASSWORD_REFUSED, sso)
        return cleaned


class SsoResetPasswordForm(ResetPasswordForm):
    def clean_email(self) -> str:
        email = str(self.data.get("email", "")).strip()
        sso = selectors.sso_required_for_email(email=email) if "@" in email else None
        if sso is not None:
            raise refusal(RESET_REFUSED, sso)
        return super().clean_email()


class SsoSettingsForm(forms.Form):
    enabled = forms.BooleanField(
        required=False, label=_("Sign people in through our identity provider")
    )
    protocol = forms.ChoiceField(choices=Protocol.choices, label=_("Protocol"))
    issuer = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=300,
        label=_("Issuer URL (OpenID Connect)"),
        help_text=_("Trellis reads its /.well-known/openid-configuration."),
    )
    client_id = forms.CharField(
        required=False, max_length=200, label=_("Client id (OpenID Connect)")
    )
    client_secret = forms.CharField(
        required=False,
        max_length=500,
        label=_("Client secret (OpenID Connect)"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Stored, never shown again. Leave empty to keep the current one."),
    )
    metadata_url = forms.URLField(
        required=False, assume_scheme="https", max_length=300, label=_("IdP metadata URL (SAML)")
    )
    metadata_xml = forms.CharField(
        required=False,
        label=_("…or the IdP metadata XML (SAML)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    allowed_domains = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Allowed email domains"),
        help_text=_(
            "People with these addresses become members when they first sign in "
            "(e.g. acme.com, acme.co.uk)."
        ),
    )
    sso_required = forms.BooleanField(
        required=False,
        label=_("Require single sign-on"),
        help_text=_(
            "Members cannot sign in with a password, nor reset one. Turning it on revokes the "
            "members' API tokens: each makes a new one after signing in through the identity "
            "provider."
        ),
    )
    role_claim = forms.CharField(
        required=False,
        max_length=200,
        label=_("Role claim or attribute"),
        help_text=_(
            "e.g. groups or roles: the mapped roles are set on each sign-in. "
            "Without it, new members are coachees."
        ),
    )
    role_map = forms.CharField(
        required=False,
        max_length=4000,
        label=_("Role mapping"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "trellis-coaches = coach"}),
        help_text=_("One `value = role` a line; roles: coachee, coach, sponsor, admin."),
    )

    @staticmethod
    def initial_of(sso: SsoSettings | None) -> dict[str, Any]:
        if sso is None:
            return {"protocol": Protocol.OIDC}
        return {
            "enabled": sso.enabled,
            "protocol": sso.protocol,
            "issuer": sso.issuer,
            "client_id": sso.client_id,
            "metadata_url": sso.metadata_url,
            "metadata_xml": sso.metadata_xml,
            "allowed_domains": ", ".join(sso.allowed_domains),
            "sso_required": sso.sso_required,
            "role_claim": sso.role_claim,
            "role_map": "\n".join(f"{k} = {v}" for k, v in sso.role_map.items()),
        }


class FindOrganizationForm(forms.Form):
    email = forms.CharField(
        max_length=254,
        label=_("Work email or organization"),
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
