"""One organization's identity provider: OpenID Connect or SAML 2.0, the email domains it vouches
for, and whether its people must sign in through it. django-allauth reads it through
`trellis.sso.adapter` (one provider per organization, `org-<slug>`), not through SocialApp rows."""

from django.db import models

from trellis.accounts.models import Organization


class Protocol(models.TextChoices):
    OIDC = "oidc", "OpenID Connect"
    SAML = "saml", "SAML 2.0"


class SsoSettings(models.Model):
    org = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="sso")
    enabled = models.BooleanField(default=False)
    protocol = models.CharField(max_length=8, choices=Protocol.choices, default=Protocol.OIDC)
    # OpenID Connect: the issuer (its /.well-known/openid-configuration is read) and our client
    issuer = models.URLField(max_length=300, blank=True)
    client_id = models.CharField(max_length=200, blank=True)
    client_secret = models.CharField(max_length=500, blank=True)
    # SAML 2.0: the IdP's metadata (from a URL or pasted), and what Trellis read from it
    metadata_url = models.URLField(max_length=300, blank=True)
    metadata_xml = models.TextField(blank=True)
    idp_entity_id = models.CharField(max_length=300, blank=True)
    idp_sso_url = models.URLField(max_length=300, blank=True)
    idp_x509cert = models.TextField(blank=True)
    allowed_domains = models.JSONField(default=list, blank=True)
    sso_required = models.BooleanField(default=False)
    # the claim (OIDC) or attribute (SAML) that carries roles, and its values -> Trellis roles
    role_claim = models.CharField(max_length=200, blank=True)
    role_map = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "single sign-on settings"
        verbose_name_plural = "single sign-on settings"

    def __str__(self) -> str:
        return f"{self.get_protocol_display()} for {self.org}"

    @property
    def provider_id(self) -> str:
        return f"org-{self.org.slug}"

    def allows(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return bool(domain) and domain in self.allowed_domains
