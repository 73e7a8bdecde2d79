"""Writes of the levy app, each audited: the season assessment (assessment.py), the tax bureau's
list (tax_list.py) and the collected amounts (collected.py)."""
