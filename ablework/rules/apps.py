from django.apps import AppConfig


class RulesConfig(AppConfig):
    """The rules engine app: the `rules` command and the `/api/v1/rules/` router."""

    name = "ablework.rules"
    label = "rules"
    verbose_name = "规则引擎"
