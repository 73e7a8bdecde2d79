"""Printed documents: a PDF layout with a verification code and a public verification page."""
