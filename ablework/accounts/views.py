"""Signing in and out."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse

from ablework.accounts.audit_actions import AccountsAction
from ablework.core.audit import record_audit
from ablework.core.models import AuditKind


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


class SignOutView(auth_views.LogoutView):
    pass
