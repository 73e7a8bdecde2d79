from ablework.core.views.pages import audit_list, home, set_display_preferences
from ablework.core.views.regions import region_list

__all__ = ["audit_list", "home", "region_list", "set_display_preferences"]
