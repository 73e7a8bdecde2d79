"""No identifier reaches a log: the demo server's access log (django.server) writes request lines
with their query strings, django.request the paths of pages not found; through the configured
handlers both come out masked."""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

RESIDENT_ID = "370811199001011234"
RESIDENT_ID_X = "37081119900307123X"
CERTIFICATE = "37081119900101123442"
PHONE = "13912345678"


@contextmanager
def _handler_output() -> Iterator[io.StringIO]:
    """What every configured stream handler (root's and django.server's) writes, meanwhile."""
    handlers = {
        handler
        for name in ("", "django.server", "django", "django.request")
        for handler in logging.getLogger(name).handlers
        if type(handler) is logging.StreamHandler  # the configured ones, not pytest's capture
    }
    assert handlers
    buffer = io.StringIO()
    previous = {handler: handler.setStream(buffer) for handler in handlers}
    try:
        yield buffer
    finally:
        for handler, stream in previous.items():
            handler.setStream(stream)


def _get(port: int, path: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    opener = urllib.request.build_opener(_NoRedirect)
    with contextlib.suppress(urllib.error.HTTPError):  # a redirect to sign in, or a 404:
        opener.open(request, timeout=10).close()  # the log line is what matters


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def test_an_id_in_a_query_string_or_path_is_masked_in_the_server_log():
    # the demo's server: Django's WSGIServer with its request handler, which logs every request
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    port = server.server_address[1]
    try:
        with _handler_output() as output:
            _get(port, f"/persons/?q={RESIDENT_ID}&page=2")
            _get(port, f"/persons/?q={CERTIFICATE}&phone={PHONE}")
            _get(port, f"/persons/by-id/{RESIDENT_ID_X}/")  # no such page: django.request logs it
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
    logged = output.getvalue()
    assert "GET /persons/?q=370811************&page=2" in logged  # the line is there, masked
    assert "Not Found: /persons/by-id/370811************/" in logged
    for clear in (RESIDENT_ID, RESIDENT_ID_X, CERTIFICATE, PHONE, "19900101", "19900307"):
        assert clear not in logged


def test_a_message_its_arguments_and_a_traceback_are_masked():
    logger = logging.getLogger("ablework.test")
    with _handler_output() as output:
        logger.warning("查询 %s 失败", RESIDENT_ID)
        logger.warning({"phone": PHONE})
        try:
            raise ValueError(f"bad id {CERTIFICATE}")
        except ValueError:
            logger.exception("import failed")
    logged = output.getvalue()
    assert "查询 370811************ 失败" in logged
    assert "ValueError: bad id 370811**************" in logged
    for clear in (RESIDENT_ID, CERTIFICATE, PHONE):
        assert clear not in logged
