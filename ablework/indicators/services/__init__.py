"""Writes of the indicators app, each audited."""
