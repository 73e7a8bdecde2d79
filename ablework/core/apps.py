from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "ablework.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        # Every app's declared audit actions, so any stored code reads as its label.
        autodiscover_modules("audit_actions")
