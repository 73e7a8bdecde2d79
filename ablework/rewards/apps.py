from django.apps import AppConfig


class RewardsConfig(AppConfig):
    name = "ablework.rewards"
    label = "rewards"
    verbose_name = "超比例奖励"

    def ready(self) -> None:
        from ablework.rewards import audit_actions  # noqa: F401  (registers the actions)
