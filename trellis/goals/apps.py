from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "trellis.goals"
    label = "goals"

    def ready(self) -> None:
        # scheduling reminds of due actions and lists them in feeds without importing goals
        from trellis.goals import selectors
        from trellis.scheduling.services import goals_bridge

        goals_bridge.provide(overdue=selectors.actions_overdue, due_for=selectors.actions_due_for)
