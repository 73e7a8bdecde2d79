"""What a view returns for a document just issued: the PDF, as a download with its own name."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ablework.printing.services import IssuedPdf


def public_base_url(request: HttpRequest) -> str:
    """The address QR codes point to: `ABLEWORK_PUBLIC_URL` when set, else this request's site."""
    return settings.PUBLIC_BASE_URL or request.build_absolute_uri("/")


def pdf_response(issued: IssuedPdf, *, filename: str) -> HttpResponse:
    """A download of the PDF named `filename` (Chinese kept, RFC 5987), with an ASCII fallback."""
    name = filename if filename.lower().endswith(".pdf") else f"{filename}.pdf"
    fallback = f"document-{issued.document.display_code}.pdf"
    response = HttpResponse(issued.pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    response["Cache-Control"] = "no-store"
    return response
