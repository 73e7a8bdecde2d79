"""HTML to PDF with WeasyPrint, using only what is inside the project (no URL is fetched)."""

from __future__ import annotations

import logging
from typing import Any

import segno
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

logger = logging.getLogger(__name__)

# Pixels per QR module in the embedded image: crisp at 300 dpi when printed about 3 cm wide.
QR_SCALE = 8
QR_BORDER = 4


class LocalOnlyFetcher(URLFetcher):
    """Refuses every URL but inline `data:` ones, so that rendering never reaches the network.

    The layout inlines its stylesheet and QR image, and fonts come from the system (fontconfig,
    Debian's fonts-noto-cjk), so a document needs nothing else; a template that links a remote
    image or stylesheet still prints, without it.
    """

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        logger.warning("Refused to fetch %s while printing a document", url)
        raise URLFetchingError(f"Printed documents fetch no URL: {url}")


def qr_data_uri(url: str) -> str:
    """A PNG data URI of the QR code that encodes `url`."""
    return segno.make(url, error="m").png_data_uri(scale=QR_SCALE, border=QR_BORDER)


def render_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document."""
    pdf = HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when given no target
    return pdf
