from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "ablework.exchange"
    label = "exchange"
    verbose_name = "数据交换（导入、导出、部门数据比对）"
