from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "trellis.instruments"
    label = "instruments"
