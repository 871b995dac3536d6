"""The two mails leave the request: queued in the transaction, sent by the worker
over SMTP (a real server on loopback, congtin/core/tests/mail_servers.py)."""

import pytest
from django.test import Client

from congtin.contact.models import ContactMessage
from congtin.core.tests.mail_servers import (
    DeliveringServer,
    queue_settings,
    run_worker,
    task_rows,
)
from congtin.settings import base as base_settings

from .conftest import CITY, FORM_URL, shared_portals, valid_data

pytestmark = [pytest.mark.django_db, shared_portals]


def test_worker_delivers_the_department_copy_and_the_receipt(
    portals, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = base_settings.EMAIL_BACKEND
    with DeliveringServer() as server:
        queue_settings(settings, server)
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(HTTP_HOST=CITY).post(
                FORM_URL, valid_data(portals["city_justice"])
            )
        assert response.status_code == 302
        # Nothing went out inside the request: two tasks wait on the mail queue.
        assert server.messages == []
        assert task_rows(queue_name="mail").count() == 2
        run_worker(monkeypatch)
        delivered = server.messages
    reference = ContactMessage.objects.get().reference
    by_address = {tuple(to): message for _sender, to, message in delivered}
    assert sorted(by_address) == [
        ("an.nguyen@example.com",),
        ("tuphap@localhost.example.gov.vn",),
    ]
    department = by_address[("tuphap@localhost.example.gov.vn",)]
    assert department["Reply-To"] == "an.nguyen@example.com"
    assert reference in department["Subject"]
    receipt = by_address[("an.nguyen@example.com",)]
    assert reference in receipt.get_content()
