"""The page forms of employment services (core.forms.DomainForm)."""
