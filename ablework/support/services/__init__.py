"""Writes of employment services (audited); views, API, imports and commands call these."""
