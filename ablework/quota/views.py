"""Quota declaration pages: the 审核确认书 of a certified declaration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.printing.responses import pdf_response, public_base_url
from ablework.quota.services.certificate import issue_certificate


@login_required
@require_POST
def certificate(request: HttpRequest, declaration_id: int) -> HttpResponse:
    """Issue and download the 审核确认书 (404 unless certified and visible to the user)."""
    user: User = request.user  # type: ignore[assignment]
    issued = issue_certificate(
        actor=user, declaration_id=declaration_id, base_url=public_base_url(request)
    )
    return pdf_response(issued, filename=issued.document.title)
