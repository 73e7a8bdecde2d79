from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "ablework.matching"
    label = "matching"
    verbose_name = "岗位与匹配"
