from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "ablework.indicators"
    label = "indicators"
    verbose_name = "监测指标"
