"""Exports start only from a POST carrying the CSRF token: a link on another site starts none."""

from __future__ import annotations

import pytest
from django.test import Client

from ablework.core.models import AuditRecord

pytestmark = pytest.mark.django_db

EXPORTS = (
    "/persons/export.csv",
    "/employers/export.csv",
    "/audit/export/",
    "/api/v1/persons/export.csv",
    "/api/v1/employers/export.csv",
)


def _strict(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("address", EXPORTS)
def test_a_link_or_a_tokenless_post_from_another_site_exports_nothing(demo_data, address):
    # given an administrator who may reveal full IDs, signed in
    client = _strict(demo_data["rencheng_admin"])
    before = AuditRecord.objects.count()
    # when another site links to the export, or posts to it without the token
    linked = client.get(address)
    posted = client.post(address)
    # then neither gives a file, and nothing was exported (no export is logged)
    assert linked.status_code == 405
    assert posted.status_code == 403
    assert AuditRecord.objects.count() == before


@pytest.mark.parametrize(
    ("page", "export"),
    [("/employers/?kind=enterprise", "/employers/export.csv"), ("/audit/", "/audit/export/")],
)
def test_the_export_button_on_the_page_posts_the_filters_with_the_token(demo_data, page, export):
    # given the list page as the administrator sees it
    client = _strict(demo_data["rencheng_admin"])
    html = client.get(page).content.decode()
    # then its export is a form posting to the export, and following it gives the file
    form = html[html.index(f'<form method="post" action="{export}"') :]
    form = form[: form.index("</form>")]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    fields = {"csrfmiddlewaretoken": token}
    if "kind" in page:
        assert 'name="kind" value="enterprise"' in form
        fields["kind"] = "enterprise"
    response = client.post(export, fields)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
