from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "ablework.indicators"
    label = "indicators"
    verbose_name = "监测指标"

    def ready(self) -> None:
        from ablework.indicators import audit_actions  # noqa: F401  (registers the actions)
