"""The form of an action that changes nothing but the declaration's state (remove a line, submit,
certify): only the version the page was opened on, so a stale page is refused."""

from __future__ import annotations

from django import forms

from ablework.core.forms import DomainForm


class VersionForm(DomainForm):
    """Only the version the page was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
