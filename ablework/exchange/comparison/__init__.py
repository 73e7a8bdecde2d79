"""Comparing other departments' lists with the registry: proposals for a reviewer, never
applied silently."""
