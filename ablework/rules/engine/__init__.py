"""Ablework's rules engine: dated, jurisdiction-scoped parameters, dated formulas, traces, reforms.

Pure Python (no Django): an import-linter contract keeps it that way, so the same engine serves the
CLI, the HTTP API, the whole-population batch path and any other program.
"""
