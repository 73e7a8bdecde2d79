from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExchangeConfig(AppConfig):
    name = "ablework.exchange"
    label = "exchange"
    verbose_name = "数据交换（导入、导出、部门数据比对）"

    def ready(self) -> None:
        # Each app's `imports` module registers its import kinds (ablework/registry/imports/).
        autodiscover_modules("imports")
