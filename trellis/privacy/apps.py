from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "trellis.privacy"
    verbose_name = "People's rights: export, erasure and retention"
