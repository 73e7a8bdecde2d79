"""Reads of the indicators app: figures by region and period, targets, reports."""
