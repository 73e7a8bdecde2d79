"""Forms of the registry's pages."""
