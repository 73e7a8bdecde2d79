"""Signing in and out, the lockout page, and changing one's own password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from ablework.accounts.audit_actions import AccountsAction
from ablework.accounts.models import User
from ablework.accounts.services import change_own_password, record_failed_sign_in
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind


def client_address(request: HttpRequest) -> str:
    """The address a request came from: behind the one trusted proxy (ABLEWORK_BEHIND_PROXY),
    the last address it appended to X-Forwarded-For, which a client cannot forge."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        user = form.get_user()
        record_audit(
            actor=user,
            kind=AuditKind.SIGN_IN,
            action=AccountsAction.SIGN_IN,
            target_type="accounts.user",
            target_label=str(user),
        )
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        record_failed_sign_in(
            username=self.request.POST.get("username", ""),
            address=client_address(self.request),
            locked_out=bool(getattr(self.request, "axes_locked_out", False)),
        )
        return super().form_invalid(form)


class SignOutView(auth_views.LogoutView):
    pass


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """django-axes' lockout response: when to try again and who can unlock sooner (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in user sets a new password, giving the current one first."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("shell:home")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "label_suffix": ""}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        user: User = self.request.user  # type: ignore[assignment]
        change_own_password(actor=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("密码已修改。"))
        return HttpResponseRedirect(str(self.success_url))
