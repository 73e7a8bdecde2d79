"""`ablework createsuperuser --noinput` makes a system administrator, as the README says."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from ablework.accounts.models import User
from ablework.accounts.roles import Role


@pytest.mark.django_db
def test_createsuperuser_noinput_makes_a_system_administrator_who_signs_in(monkeypatch):
    # given the password in the environment, as the README says
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Quiet-harbour-2026")
    # when the operator creates the first account without prompts
    call_command(
        "createsuperuser", interactive=False, username="ops", email="ops@example.org", verbosity=0
    )
    # then it is a system administrator with no binding, who signs in and sees everything
    user = User.objects.get(username="ops")
    assert (user.role, user.region_id, user.is_superuser) == (Role.SYSTEM_ADMIN, None, True)
    client = Client()
    client.post("/accounts/login/", {"username": "ops", "password": "Quiet-harbour-2026"})
    assert client.get("/persons/").status_code == 200
