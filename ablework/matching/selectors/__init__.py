"""Reads of the matching app: postings, their minimum wage, their entries for the engine."""
