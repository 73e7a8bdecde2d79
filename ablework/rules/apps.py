from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "ablework.rules"
    label = "rules"
    verbose_name = "规则引擎"
