from django.apps import AppConfig


class ConcentratedConfig(AppConfig):
    name = "ablework.concentrated"
    label = "concentrated"
    verbose_name = "集中就业"

    def ready(self) -> None:
        from ablework.concentrated import audit_actions  # noqa: F401  (registers the actions)
