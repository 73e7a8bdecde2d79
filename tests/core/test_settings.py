"""Safe production defaults: no secret, no start; security headers on every page."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "ABLEWORK_ENV": "production",
    "ABLEWORK_SECRET_KEY": "x" * 60,
    "ABLEWORK_DATA_KEY": "dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=",
}


def _import_settings(
    env: dict[str, str], *, show: str = "s.DEBUG, s.SESSION_COOKIE_SECURE"
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ABLEWORK_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import ablework.config.settings as s; print({show})"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_settings({"ABLEWORK_ENV": "production"})
    assert result.returncode != 0
    assert "ABLEWORK_SECRET_KEY must be set" in result.stderr


def test_production_defaults_are_debug_off_and_secure_cookies():
    result = _import_settings({**PRODUCTION, "ABLEWORK_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_production_refuses_to_start_without_a_data_key():
    # personal data is encrypted with this key: without it there is no start, not a default
    result = _import_settings({**PRODUCTION, "ABLEWORK_DATA_KEY": ""})
    assert result.returncode != 0
    assert "ABLEWORK_DATA_KEY must be set" in result.stderr


def test_production_sends_https_only_cookies_hsts_and_accepts_no_unnamed_host():
    # ASVS V3.4 (cookie flags), V9.1 (HTTPS, HSTS), V14.3 (no debug): what a production start
    # without further settings gives
    shown = (
        "__import__('json').dumps({'debug': s.DEBUG, 'session': [s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SESSION_COOKIE_AGE], "
        "'csrf': s.CSRF_COOKIE_SECURE, 'language': s.LANGUAGE_COOKIE_SECURE, "
        "'redirect': s.SECURE_SSL_REDIRECT, 'hsts': [s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS], 'hosts': s.ALLOWED_HOSTS})"
    )
    result = _import_settings({**PRODUCTION, "ABLEWORK_DEBUG": "1"}, show=shown)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    secure, http_only, same_site, age = values["session"]
    assert (secure, http_only, same_site) == (True, True, "Lax")
    assert age <= 8 * 60 * 60  # a session outlives no working day
    assert values["csrf"] is True
    assert values["language"] is True
    assert values["redirect"] is True
    assert values["hsts"][0] >= 365 * 24 * 60 * 60
    assert values["hsts"][1] is True
    assert values["hosts"] == []  # a request for a host nobody named is refused (400)


def test_production_stores_passwords_with_a_slow_salted_hash():
    # ASVS V2.4: Django's PBKDF2-SHA256 (the test profile's fast MD5 is for the tests only), at
    # least OWASP's 600,000 iterations
    shown = (
        "(lambda h: f'{h.algorithm} {h.iterations}')"
        "(__import__('django.contrib.auth.hashers', fromlist=['get_hasher']).get_hasher())"
    )
    env = {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "ablework.config.settings"}
    result = _import_settings(env, show=shown)
    assert result.returncode == 0, result.stderr
    algorithm, iterations = result.stdout.split()
    assert algorithm == "pbkdf2_sha256"
    assert int(iterations) >= 600_000


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_are_chinese_even_for_an_english_browser_until_english_is_chosen(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-Hans"' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert '<html lang="en"' in client.get("/accounts/login/").content.decode()
