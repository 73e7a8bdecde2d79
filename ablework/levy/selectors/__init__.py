"""Reads of the levy app: the assessment's input frames (frames.py), assessments and their
reproduction (assessments.py), the fund's figures (fund.py)."""
