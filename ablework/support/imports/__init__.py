"""The import kinds of employment services (found by the exchange app's autodiscovery)."""

from ablework.support.imports import graduates  # noqa: F401  (registers the kind)
