"""Risk signals of quota declarations (issue 11, review): what each signal means and weighs
(`parameters.py`, our review thresholds, not legal numbers), the signals' codes and plain
Chinese explanations (`signals.py`), and the set-based scoring of many declarations at once
(`scoring.py`). Stored by `quota/services/risk.py`; docs/quota-risk.md explains them."""
