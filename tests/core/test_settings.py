"""Safe production defaults: no secret, no start; security headers on every page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ABLEWORK_")}
    clean.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import ablework.config.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)",
        ],
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
    result = _import_settings(
        {
            "ABLEWORK_ENV": "production",
            "ABLEWORK_SECRET_KEY": "x" * 60,
            "ABLEWORK_DATA_KEY": "dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=",
            "ABLEWORK_DEBUG": "1",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


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
