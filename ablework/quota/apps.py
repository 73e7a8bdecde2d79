from django.apps import AppConfig


class QuotaConfig(AppConfig):
    name = "ablework.quota"
    label = "quota"
    verbose_name = "按比例就业年审"

    def ready(self) -> None:
        from ablework.quota import audit_actions  # noqa: F401  (registers the actions)
