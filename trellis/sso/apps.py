from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "trellis.sso"
    verbose_name = "Single sign-on (OpenID Connect, SAML 2.0)"

    def ready(self) -> None:
        from trellis.sso import receivers  # noqa: F401  # JIT membership on an SSO sign-in
