"""The registry's import kind: persons (实名制信息) from the template or national exports.
Imported at start-up by the import engine's discovery, which registers the kind."""

from ablework.registry.imports.kind import PERSONS

__all__ = ["PERSONS"]
