"""Jurisdictions whose rules Ablework implements on the engine."""
