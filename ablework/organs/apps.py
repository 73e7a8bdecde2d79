from django.apps import AppConfig


class OrgansConfig(AppConfig):
    name = "ablework.organs"
    label = "organs"
    verbose_name = "机关事业单位带头安置"

    def ready(self) -> None:
        from ablework.organs import audit_actions  # noqa: F401  (registers the actions)
