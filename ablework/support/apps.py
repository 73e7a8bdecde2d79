from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "ablework.support"
    label = "support"
    verbose_name = "就业服务"

    def ready(self) -> None:
        from ablework.support import audit_actions  # noqa: F401  (registers the actions)
