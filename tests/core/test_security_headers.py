"""What a browser is told to protect a signed-in user with (ASVS 4.0 V3 sessions, V14.4 headers,
V5.3 output encoding, V7.4 errors): the session cookie's flags, a new session at sign-in, a
session that ends at sign-out, the security headers on pages and the API, no cross-origin reads,
templates the policy can hold, and a failure page that tells nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

import ablework
from ablework.demo.seeding import DEMO_PASSWORD
from ablework.registry.models import Person
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/login/"


def _sign_in(client: Client, username: str) -> None:
    response = client.post(SIGN_IN, {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()


def test_the_session_cookie_is_http_only_same_site_and_renewed_at_sign_in(demo_data):
    # given a visitor who already holds a session (one a third party could have planted)
    client = Client()
    session = client.session
    session["planted"] = True
    session.save()
    planted = client.cookies[settings.SESSION_COOKIE_NAME].value

    # when they sign in
    _sign_in(client, "rencheng_counsellor")

    # then the session is a new one, which scripts cannot read and other sites do not get
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value != planted
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert 0 < int(cookie["max-age"]) <= 8 * 60 * 60
    planted_client = Client()
    planted_client.cookies[settings.SESSION_COOKIE_NAME] = planted
    assert planted_client.get("/persons/").status_code == 302


def test_signing_out_ends_the_session_on_the_server(demo_data):
    client = Client()
    _sign_in(client, "rencheng_counsellor")
    kept = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/persons/").status_code == 200

    assert client.post("/accounts/logout/").status_code == 302

    # a copy of the old cookie (kept by anyone who had it) opens nothing any more
    copy = Client()
    copy.cookies[settings.SESSION_COOKIE_NAME] = kept
    response = copy.get("/persons/")
    assert response.status_code == 302
    assert SIGN_IN in response["Location"]


@pytest.mark.parametrize("path", ["record", "api"])
def test_signed_in_pages_and_the_api_carry_the_security_headers(demo_data, path):
    person = Person.objects.filter(county_code="370811").first()
    client = signed_in(demo_data["rencheng_counsellor"])
    url = f"/persons/{person.pk}/" if path == "record" else f"/api/v1/persons/{person.pk}"
    response = client.get(url)
    assert response.status_code == 200

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline or injected script runs
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"  # no other site frames the page
    assert policy["form-action"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"  # no record address leaves the site
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_another_site_is_not_allowed_to_read_the_api(demo_data):
    # no cross-origin resource sharing: a page on another site cannot read a signed-in answer
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.get("/api/v1/persons/", headers={"Origin": "https://attacker.example"})
    assert response.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_a_page_that_fails_says_nothing_of_the_failure_and_the_log_keeps_it(
    demo_data, monkeypatch, caplog
):
    # ASVS V7.4.1: a generic message to the user, the details for the operators only
    def fail(**_kwargs):
        raise RuntimeError("secret detail of the failure: 370811199001011234")

    monkeypatch.setattr("ablework.employers.views.search_employers", fail)
    client = signed_in(demo_data["rencheng_counsellor"])
    client.raise_request_exception = False
    response = client.get("/employers/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "系统暂时出错" in page
    assert "secret detail" not in page
    assert "Traceback" not in page
    assert "secret detail of the failure" in caplog.text


# The PDF layout is rendered by WeasyPrint on the server, never served as a page.
NOT_SERVED = {"printing/templates/printing/layout.html"}
# What the policy above would block (so a page would silently break) or what would bypass the
# templates' escaping of what people typed.
FORBIDDEN = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE),
    "an inline style block": re.compile(r"<style", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle=", re.IGNORECASE),
    "an event handler attribute": re.compile(r"\son[a-z]+=", re.IGNORECASE),
    "a javascript: address": re.compile(r"javascript:", re.IGNORECASE),
    "escaping turned off": re.compile(r"\|\s*safe\b|autoescape\s+off"),
}


def test_no_page_template_holds_what_the_policy_blocks_or_turns_escaping_off():
    root = Path(ablework.__file__).parent
    templates = [p for p in root.rglob("*.html") if str(p.relative_to(root)) not in NOT_SERVED]
    assert len(templates) > 40
    found = [
        f"{path.relative_to(root)}: {what}"
        for path in templates
        for what, pattern in FORBIDDEN.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
