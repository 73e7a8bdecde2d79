"""`ablework rules calc` and `POST /api/v1/rules/calc`: situations in, results with traces out."""

from ablework.rules.calc.service import calculate, calculate_one

__all__ = ["calculate", "calculate_one"]
