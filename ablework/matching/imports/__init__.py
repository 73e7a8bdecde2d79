"""The `postings` import kind: job postings from a spreadsheet (one posting a row), registered
with the import engine when this package loads (exchange autodiscovers `imports`)."""

from ablework.matching.imports.kind import POSTINGS

__all__ = ["POSTINGS"]
