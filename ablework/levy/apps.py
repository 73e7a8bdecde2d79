from django.apps import AppConfig


class LevyConfig(AppConfig):
    """The levy season: assessment, the tax bureau's list, collected amounts, the fund."""

    name = "ablework.levy"
    label = "levy"
    verbose_name = "残保金征收"
