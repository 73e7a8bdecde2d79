from django.apps import AppConfig


class PrintingConfig(AppConfig):
    name = "ablework.printing"
    label = "printing"
    verbose_name = "打印文件"
