"""Employment services in the shell: navigation entries, home cards, the pages the crawl must
reach and the panels on other apps' pages."""

from __future__ import annotations

from ablework.core.section_parts import Section

SECTION = Section()
