"""The settings of the public notice (公示) that are our choice, not the law's.

No official text found for this notice fixes how long the public may object: 残联发〔2021〕51号
and the 2025-07-16 State Council briefing (国办发〔2025〕23号) require a 公示制度 for the
placement of organs and institutions, but name no 公示期 (docs/public-notice.md, "Appeal
window"). So staff choose the window for each notice; the form offers DEFAULT_APPEAL_DAYS.
"""

from __future__ import annotations

# Calendar days from the publication date during which the public may object, offered when a
# notice is prepared: seven days is the length most 公示 by Chinese public bodies use, long
# enough to include a weekend and short enough for the results to stay current.
DEFAULT_APPEAL_DAYS = 7
# The longest window a notice may have: a month, beyond which an appeal is no longer about a
# notice that is current.
APPEAL_DAYS_MAX = 30
# Appeals one address may send per hour from the public form (429 beyond): a person with a
# real objection sends one or two; more is a script.
APPEALS_PER_HOUR = 5
