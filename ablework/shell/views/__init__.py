from ablework.shell.views.pages import audit_list, home, set_display_preferences
from ablework.shell.views.regions import region_list

__all__ = ["audit_list", "home", "region_list", "set_display_preferences"]
