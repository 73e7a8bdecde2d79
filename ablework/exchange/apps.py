from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExchangeConfig(AppConfig):
    name = "ablework.exchange"
    label = "exchange"
    verbose_name = "数据交换（导入、导出、部门数据比对）"

    def ready(self) -> None:
        # Each app's `imports` module registers its import kinds (ablework/registry/imports/).
        autodiscover_modules("imports")
        from ablework.jobs.signals import worker_started

        worker_started.connect(_purge_at_worker_start, dispatch_uid="exchange.purge_imports")


def _purge_at_worker_start(**kwargs: object) -> None:
    """A starting worker deletes what a killed one left and what is past its retention."""
    from ablework.exchange.retention import purge_expired_imports

    purge_expired_imports()
