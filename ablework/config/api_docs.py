"""The API documentation page: Swagger UI from vendored static files, inside the site's layout.

ninja's own docs page loads Swagger UI from a CDN and starts it with an inline script; this
one needs neither, so it works offline and under the site's Content-Security-Policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class VendoredSwagger(DocsBase):
    """Swagger UI at the API's docs URL (`/api/v1/docs`), open to anyone: it shows no data."""

    template = "shell/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            self.template,
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )
