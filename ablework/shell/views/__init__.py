from ablework.shell.views.audit import audit_export, audit_list
from ablework.shell.views.pages import home, set_display_preferences
from ablework.shell.views.regions import region_list

__all__ = ["audit_export", "audit_list", "home", "region_list", "set_display_preferences"]
