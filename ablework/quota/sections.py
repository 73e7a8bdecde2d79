"""Quota declarations in the shell: the panel on the employer's page (quota/panels.py)."""

from __future__ import annotations

from ablework.core.section_parts import Section
from ablework.quota.panels import EMPLOYER_DECLARATIONS

SECTION = Section(panels=[EMPLOYER_DECLARATIONS])
