from django.apps import AppConfig


class SampleConfig(AppConfig):
    """An app added later: it declares a section and edits no shared template."""

    name = "tests.shell.sample_app"
    label = "sample_app"
