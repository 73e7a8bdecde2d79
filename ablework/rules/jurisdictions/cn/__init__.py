"""The People's Republic of China: national rules with province, city and county overrides."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ablework.rules.engine.parameters import ParameterTree, load_parameter_tree

PARAMETERS_ROOT = Path(__file__).resolve().parent / "parameters"
TESTS_ROOT = Path(__file__).resolve().parent / "tests"


@lru_cache(maxsize=4)
def parameter_tree(root: Path = PARAMETERS_ROOT) -> ParameterTree:
    """The parameter tree, loaded once per root folder."""
    return load_parameter_tree(root)
