"""The JSON situations of `ablework rules calc` (see docs: rules-calc-contract), as pydantic models.

These check structure and types only; legal validity (a grade on a certificate, a month inside the
levy year) is checked by the formulas, which name the field in a bilingual error.
"""
