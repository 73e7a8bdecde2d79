"""Pages of the exchange app: imports (upload, preview, commit, progress, result), department
list comparison, and the .xlsx export the registry's list page offers."""
