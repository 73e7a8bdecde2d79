"""The domains' own operational settings: request limits of the APIs and forms, thresholds,
cache times and the working days of the services, each read from the environment
(ABLEWORK_…) with its default. Settings that are not legal figures (those are dated parameters,
ablework/parameters). Star-imported by ablework.config.settings, so Django sees them there."""

import os

# The rules calculation API (POST /api/v1/rules/calc): the largest body, the most situations in
# one request, and the calls one user may make per minute (a fixed window in the cache).
RULES_API_MAX_BYTES = int(os.environ.get("ABLEWORK_RULES_API_MAX_BYTES", 256 * 1024))
RULES_API_MAX_SITUATIONS = int(os.environ.get("ABLEWORK_RULES_API_MAX_SITUATIONS", 200))
RULES_API_RATE = int(os.environ.get("ABLEWORK_RULES_API_RATE", 60))
# The matching API (POST /api/v1/matching/match): the largest market body (within Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE; larger markets go through `ablework match`) and the calls one user
# may make per minute.
MATCHING_API_MAX_BYTES = int(os.environ.get("ABLEWORK_MATCHING_API_MAX_BYTES", 2 * 2**20))
MATCHING_API_RATE = int(os.environ.get("ABLEWORK_MATCHING_API_RATE", 30))
# Batch recommendations (docs/matching.md, "Batch recommendations"): persons matched per chunk
# (the progress step; the postings' TF-IDF does not depend on it), and the fairness report's
# two Ablework settings, not legal figures: a group with fewer persons than this shows no share
# (so that no person can be recognised), and a group whose share of persons with at least
# three suggestions is this many percentage points or more below the overall share is flagged.
MATCHING_BATCH_CHUNK = int(os.environ.get("ABLEWORK_MATCHING_BATCH_CHUNK", 500))
MATCHING_FAIRNESS_MIN_GROUP = int(os.environ.get("ABLEWORK_MATCHING_FAIRNESS_MIN_GROUP", 10))
MATCHING_FAIRNESS_GAP_POINTS = int(os.environ.get("ABLEWORK_MATCHING_FAIRNESS_GAP_POINTS", 10))
# Approved local parameter values (ablework/parameters) are kept in memory; an approval reloads
# them at once in this process and, through the cache, in others sharing it; at the latest after:
LOCAL_PARAMETERS_CACHE_SECONDS = int(os.environ.get("ABLEWORK_LOCAL_PARAMETERS_CACHE_SECONDS", 60))

# The public employer account request form: requests one address may send per hour (a fixed
# window in the cache). An operational limit against floods, not a legal figure.
EMPLOYER_ACCOUNT_REQUESTS_PER_HOUR = int(
    os.environ.get("ABLEWORK_EMPLOYER_ACCOUNT_REQUESTS_PER_HOUR", 5)
)

# Looking up whether a resident ID is registered (the import check, the registration form and
# API) answers "registered outside your area" at most this many times per user and day (distinct
# persons found outside the user's area; a person looked up again the same day is answered
# again). Beyond it the answer for IDs outside the user's records is withheld until the next day,
# so the check cannot be used to sweep the country's registry. A county's own import finds few
# persons registered elsewhere (people who moved): the default leaves that work untouched.
# Issue 9, item 9; see docs/security.md, "The audit trail".
OUT_OF_SCOPE_LOOKUPS_PER_DAY = int(os.environ.get("ABLEWORK_OUT_OF_SCOPE_LOOKUPS_PER_DAY", "200"))

# The public address printed documents' QR codes point to (their verification page), such as
# https://ablework.example.gov.cn; unset, the address the issuing request came in on.
PUBLIC_BASE_URL = os.environ.get("ABLEWORK_PUBLIC_URL", "").strip()

# The home page's counts are kept this many seconds (per query, so per scope) and shown as
# "约" when reused; see ablework.core.counting.
HOME_COUNT_TTL = int(os.environ.get("ABLEWORK_HOME_COUNT_TTL", "300"))

# Indicator dashboards read the rollup tables (indicators/services/rollup.py, refreshed daily
# by `ablework indicators refresh` or its job) while their refresh is at most this many hours
# old, and compute figures live otherwise (docs/indicators.md, "汇总表"). A day and a half:
# one missed nightly run still shows the rollup's figures.
INDICATOR_ROLLUP_FRESH_HOURS = float(os.environ.get("ABLEWORK_INDICATOR_ROLLUP_FRESH_HOURS", "36"))
# The provinces the refresh computes (2-digit codes, comma-separated); unset, those where the
# registry holds persons.
INDICATOR_ROLLUP_PROVINCES = [
    code.strip()
    for code in os.environ.get("ABLEWORK_INDICATOR_ROLLUP_PROVINCES", "").split(",")
    if code.strip()
]

# Employment services' queue: a service of the "四个一" due for longer than this many days is
# shown as overdue before the cycle's deadline. Our own working threshold, not a legal figure
# (docs/support.md).
SUPPORT_OVERDUE_DAYS = int(os.environ.get("ABLEWORK_SUPPORT_OVERDUE_DAYS", "90"))
# Escalation (升级帮扶): the days an employment-service worker has to decide a proposal. Our own
# working setting, not a legal figure (docs/support.md).
SUPPORT_ESCALATION_DAYS = int(os.environ.get("ABLEWORK_SUPPORT_ESCALATION_DAYS", "30"))
