from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ablework.core"
    label = "core"
    verbose_name = "核心"
