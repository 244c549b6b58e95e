from django.apps import AppConfig


class ScimConfig(AppConfig):
    name = "trellis.scim"
    verbose_name = "SCIM 2.0 provisioning"
