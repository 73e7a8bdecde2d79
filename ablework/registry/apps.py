from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "ablework.registry"
    label = "registry"
    verbose_name = "残疾人实名制信息"
