from django.apps import AppConfig


class ParametersConfig(AppConfig):
    """Local parameter values that staff record and a second person approves (本地参数)."""

    name = "ablework.parameters"
    label = "parameters"
    verbose_name = "本地参数"

    def ready(self) -> None:
        """The rules engine consults the approved local values before its YAML files."""
        from ablework.parameters.selectors import APPROVED_LOCAL_VALUES
        from ablework.rules.engine.parameters import register_local_values

        register_local_values(APPROVED_LOCAL_VALUES)
