from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "trellis.accounts"
    label = "accounts"
    verbose_name = "Organizations and people"

    def ready(self) -> None:
        from trellis.accounts import receivers  # noqa: F401  (connects the audit-log receivers)
