"""Display preferences (text size, contrast) chosen by the user and kept in cookies."""

from __future__ import annotations

from django.http import HttpRequest

TEXT_SIZES = ("normal", "large", "larger")
CONTRASTS = ("normal", "high")
TEXT_SIZE_COOKIE = "ablework_text_size"
CONTRAST_COOKIE = "ablework_contrast"


def display_preferences(request: HttpRequest) -> dict[str, str]:
    size = request.COOKIES.get(TEXT_SIZE_COOKIE, "normal")
    contrast = request.COOKIES.get(CONTRAST_COOKIE, "normal")
    return {
        "text_size": size if size in TEXT_SIZES else "normal",
        "contrast": contrast if contrast in CONTRASTS else "normal",
    }


def navigation(request: HttpRequest) -> dict[str, bool]:
    """Which sections the signed-in user's role can open, for the main navigation."""
    from ablework.accounts.roles import Permission

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "perms_persons": user.has_named_permission(Permission.PERSONS_VIEW),
        "perms_imports": user.has_named_permission(Permission.PERSONS_EDIT),
        "perms_supervise": user.has_named_permission(Permission.PERSONS_SUPERVISE),
        "perms_employers": user.has_named_permission(Permission.EMPLOYERS_VIEW),
        "perms_audit": user.has_named_permission(Permission.AUDIT_VIEW),
        "perms_regions": user.has_named_permission(Permission.REGIONS_MANAGE),
    }
