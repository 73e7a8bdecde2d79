"""Checking a declaration: every roster line and month, set-based, with the contract's codes.

A constant number of queries whatever the roster's length: the registry's persons holding the
roster's certificate numbers, now or before a reassessment renumbered them, with the year's 12
months of their dated certificate history (`registry.selectors.certificates`) and every number
they carried (five queries, a sixth when a roster number is not a current one), and the months
other employers' filed declarations of the year already counted for those certificates, under
any of their numbers (`counted_elsewhere`, never naming the employer). Each month of a line gets
its problems (a 残疾人证 month the history says was not valid: not yet issued, expired, revoked
or its holder dead); a month with none of kind *not counted*, on a line with no error, is
counted, with its weight from the grade in force that month (`levy.severe_weight` for the
severe grades, rules.md R3.4). The counted months then go to the rules engine as a `levy`
situation, whose result and trace is the worksheet, so D on the worksheet is the sum of the
counted weights / 12.
"""

from ablework.quota.selectors.checker import check_declaration, rules_tree
from ablework.quota.selectors.holders import Holder, not_valid_reason
from ablework.quota.selectors.results import CheckResult, LineResult, MonthResult

__all__ = [
    "CheckResult",
    "Holder",
    "LineResult",
    "MonthResult",
    "check_declaration",
    "not_valid_reason",
    "rules_tree",
]
