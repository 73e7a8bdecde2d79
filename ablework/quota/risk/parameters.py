"""The review's risk thresholds and weights: OUR choices for ordering the review queue, NOT
legal numbers. No law says "three employers" or "90 days"; a federation may change them here
(docs/quota-risk.md lists each with its reason). What a threshold is tied to in law — the
local monthly minimum wage, the statutory retirement month — is never here: it comes from the
rules engine's dated parameters (`wages.minimum_wage_monthly`) and its `retirement` rule, for
the employer's place and the month concerned.

A declaration's score is the sum of the weights of the signals it raises (0–100 when all
eight are raised); its level is read from the score by `LEVEL_MEDIUM_FROM` and
`LEVEL_HIGH_FROM`."""

from __future__ import annotations

from ablework.core import proof_files

# --- 1. A person counted by two employers in one month -------------------------------------

DOUBLE_COUNTED_WEIGHT = 25
"""Weight of "one person counted by another employer in the same month" (any region).

Why: one person can hold one counted job a month (rules.md R3.4); the same certificate in two
employers' filed declarations of one month is the plainest sign of a borrowed certificate, so it
weighs most."""

DOUBLE_COUNTED_MIN_PERSONS = 1
"""Raised from this many persons counted elsewhere. Why 1: a single case already needs an
answer from one of the two employers."""

# --- 2. Every disabled employee paid exactly the minimum wage ------------------------------

MINIMUM_WAGE_WEIGHT = 15
"""Weight of "every disabled employee paid exactly the local minimum wage in every month".

Why: paying exactly the legal floor to everyone, month after month, is the pattern of a payroll
made up to escape the levy (虚假安排残疾人就业); real wages vary. The minimum wage itself is the
rules engine's `wages.minimum_wage_monthly` of the employer's county for each month."""

MINIMUM_WAGE_MIN_LINES = 2
"""Raised only for a roster of at least this many lines. Why 2: one employee on the minimum
wage is common in a small firm; everyone on it, when there are several, is not."""

# --- 3. Certificates issued or upgraded shortly before hiring -----------------------------

RECENT_CERTIFICATE_WEIGHT = 15
"""Weight of "certificate issued, or regraded to a more severe grade, shortly before hiring".

Why: a certificate obtained (or a severe grade, which counts twice) just before a job starts
can be a certificate sought for the levy rather than a person hired for the work."""

RECENT_CERTIFICATE_DAYS = 90
""""Shortly": the issue or regrade is dated within this many days before the contract start
(or after it). Why 90: a quarter covers an assessment and a hiring round; a longer window would
flag ordinary hires of recently certified persons."""

RECENT_CERTIFICATE_MIN_PERSONS = 1
"""Raised from this many persons. Why 1: each case is worth a look at the contract."""

# --- 4. Hires clustered in December ---------------------------------------------------------

DECEMBER_HIRES_WEIGHT = 10
"""Weight of "most hires dated in December".

Why: hires made at the end of a year, just before the declaration, suggest a roster arranged
for the declaration rather than for work."""

DECEMBER_HIRES_MIN_LINES = 2
"""Raised only when at least this many lines start in December (of the levy year or the year
before). Why 2: one December hire is ordinary."""

DECEMBER_HIRES_SHARE = 0.5
"""…and they are at least this share of the lines with a contract start. Why one half: a
cluster, not a scattering."""

# --- 5. Many placements from one dispatch agency, across employers -------------------------

DISPATCH_AGENCY_WEIGHT = 10
"""Weight of "a dispatch agency placing many disabled workers with several employers".

Why: agencies that hire persons with disabilities and dispatch them on paper to many firms are
the common channel of faked placements."""

DISPATCH_AGENCY_MIN_PLACEMENTS = 10
"""An agency is "many" from this many roster lines in the year's filed declarations (all
regions). Why 10: above what one agency places for ordinary work with a handful of hosts."""

DISPATCH_AGENCY_MIN_EMPLOYERS = 3
"""…spread over at least this many employers. Why 3: two hosts are ordinary dispatch."""

# --- 6. Workplace far from the person's residence -------------------------------------------

FAR_WORKPLACE_WEIGHT = 10
"""Weight of "most employees registered in another city or province than the workplace".

Why: a person registered far from the employer's county rarely works there in person; their
certificate may be lent. Far means another province, or, inside a province, another city
(first four digits of the region code); in the four municipalities directly under the central
government (北京、天津、上海、重庆) only another province counts."""

FAR_WORKPLACE_SHARE = 0.5
"""Raised when at least this share of the roster's registry persons are far. Why one half: a
few commuters or movers are ordinary."""

FAR_WORKPLACE_MIN_PERSONS = 1
"""…and at least this many persons are far."""

# --- 7. Employees at the retirement limit ---------------------------------------------------

RETIREMENT_WEIGHT = 5
"""Weight of "employees at (or past) the statutory retirement month".

Why: persons close to retirement are sometimes put on a payroll for the months left. The
retirement month is the rules engine's (`retirement` rule, 2025 reform, the registry's sex,
birth date and original retirement age)."""

RETIREMENT_WITHIN_MONTHS = 6
""""At the limit": the retirement month is no more than this many months after the line's last
declared month (or already reached). Why 6: half a year before retirement."""

RETIREMENT_MIN_PERSONS = 1
"""Raised from this many persons."""

# --- 8. A roster that changes sharply from last year ----------------------------------------

ROSTER_CHANGE_WEIGHT = 10
"""Weight of "the roster changed sharply from the employer's previous year's declaration".

Why: a stable workforce keeps most of its disabled employees; a roster replaced wholesale (or
appearing from nothing) suggests persons arranged for the year."""

ROSTER_CHANGE_SHARE = 0.6
"""Raised when the persons who joined or left are at least this share of the persons in either
year (1 − shared / all). Why 0.6: more than half the roster turned over."""

ROSTER_CHANGE_MIN_PERSONS = 3
"""…counting at least this many persons over both years. Why 3: one or two persons moving is
no pattern."""

# --- Levels ---------------------------------------------------------------------------------

LEVEL_MEDIUM_FROM = 15
"""A score from this is 中风险. Why 15: one strong signal (double counting, the minimum-wage
pattern or a fresh certificate) alone makes a declaration worth a closer look."""

LEVEL_HIGH_FROM = 35
"""A score from this is 高风险. Why 35: two strong signals together, or several weaker ones."""

# --- The review's time and the sample --------------------------------------------------------

REVIEW_DAYS = 30
"""Days a county federation allows itself to review a declaration after it is (re)submitted;
past them the queue says 已超期 N 天. Why 30: the review season (March–October) leaves about a
month per round with returns; no rule fixes it (our service standard)."""

SAMPLE_SIZE = 5
"""How many declarations one draw sends to a deeper check (抽查), highest scores first among
those awaiting review in the reviewer's area and not yet sampled. Why 5: a county's counsellor
can check that many with proofs in a review round."""

SAMPLE_MIN_SCORE = 1
"""Only declarations with a score of at least this are drawn. Why 1: a declaration raising no
signal gives the deeper check nothing to look at."""

SIZE_BANDS = (
    ("small", 0, 99),
    ("medium", 100, 299),
    ("large", 300, 999),
    ("very_large", 1000, None),
)
"""The queue's size filter: bands of the employer's 在职职工人数 (its record's staff count), from
and to (inclusive; None: no upper end). Why these: under 100 staff the quota (1.5%) asks for at
most one person; from 1,000 it asks for 15 or more, where a faked roster is worth most."""

DUE_SOON_DAYS = 7
"""The queue's "due soon" filter: declarations whose review period (`REVIEW_DAYS`) ends within
this many days. Why 7: a week's work ahead."""

# --- Proof uploads -----------------------------------------------------------------------------

PROOF_MAX_BYTES = proof_files.PROOF_MAX_BYTES
"""The largest proof file of a deeper check: the platform's (core.proof_files, 10 MiB)."""

PROOF_TYPES = proof_files.PROOF_TYPES
"""The file types accepted as proof: the platform's (core.proof_files: PDF, JPG, PNG)."""
