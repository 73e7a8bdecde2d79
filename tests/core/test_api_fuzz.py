"""Schemathesis sends generated requests to every operation of /api/v1/openapi.json, signed in:
none may give a server error (5xx). Bounded: 20 examples per operation, no deadline."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.helpers import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called as WSGI, each request would close the database connection when it ends, as in
    production; the test's transaction lives on that connection (Django's test client
    disconnects the same handlers)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


EXAMPLES_PER_OPERATION = 20


def test_generated_requests_to_every_operation_give_no_server_error(counsellor):
    # given a counsellor's session (cookie and CSRF token) against the project's WSGI app
    client = signed_in(counsellor)
    token = get_token(RequestFactory().get("/"))
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: token,
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    failures: list[str] = []
    statuses: set[int] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            response = case.call(cookies=cookies, headers={"X-CSRFToken": token})
            statuses.add(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

        # when schemathesis sends its generated requests
        call()
    # then not one of them was a server error, and the session was accepted (some 200s)
    assert failures == []
    assert 200 in statuses
