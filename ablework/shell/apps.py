from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The interface around every domain: home page, navigation, audit and region pages."""

    name = "ablework.shell"
    label = "shell"
    verbose_name = "界面"
