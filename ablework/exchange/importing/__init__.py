"""Importing the registry from spreadsheets: read, check every row, then write in one
transaction (so an interrupted import leaves the registry as it was)."""
