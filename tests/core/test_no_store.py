"""Responses to a signed-in user hold personal data: no browser or proxy may keep a copy."""

from __future__ import annotations

import pytest

from ablework.registry.models import Person
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


def test_person_page_export_and_api_answers_are_not_stored(demo_data):
    person = Person.objects.filter(county_code="370811").first()
    client = signed_in(demo_data["rencheng_counsellor"])
    responses = {
        "record page": client.get(f"/persons/{person.pk}/"),
        "list": client.get("/persons/"),
        "csv export": client.post("/persons/export.csv"),
        "xlsx export": client.post("/persons/export.csv", {"format": "xlsx"}),
        "api person": client.get(f"/api/v1/persons/{person.pk}"),
        "api export": client.post("/api/v1/persons/export.csv"),
        "page not found": client.get("/persons/999999999/"),
    }
    for name, response in responses.items():
        assert response.status_code in (200, 404), name
        assert {"no-store", "private"} <= _directives(response), name
