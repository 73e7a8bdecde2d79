"""Writes of the matching app, audited."""
