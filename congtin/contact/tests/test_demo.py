"""What the demo adds: departments and the contact form on both portals, one
illustrative message at Lê Chân, links from the Vietnamese and English contact
pages; loading it again adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from congtin.contact.demo import load_contact_demo
from congtin.contact.models import ContactFormPage, ContactMessage, ContactRecipient

pytestmark = pytest.mark.django_db


def html_of(host, url):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def counts():
    return [
        model.objects.count()
        for model in (ContactRecipient, ContactFormPage, ContactMessage)
    ]


def test_demo_contact_form_on_both_portals(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    for site in (city, lechan):
        recipients = ContactRecipient.objects.filter(site=site, is_active=True)
        assert recipients.count() == 3
        assert all(r.email.endswith("@example.gov.vn") for r in recipients)
        assert all("(Minh họa)" in r.name for r in recipients)
        html = html_of(site.hostname, "/lien-he/gui/")
        options = html.select("select[name=recipient] option[value]")
        names = {" ".join(o.get_text().split()) for o in options if o["value"]}
        assert len(names) == 3
        assert all("(Minh họa)" in name for name in names)
        link = html_of(site.hostname, "/lien-he/").select_one(".contact-form-link a")
        assert link["href"] == "/lien-he/gui/"
    (message,) = ContactMessage.objects.all()
    assert message.site == lechan and "(Minh họa)" in message.title

    english = html_of("localhost", "/en/contact/").select_one(".contact-form-link")
    assert english is not None
    assert "messages in Vietnamese or English are accepted" in english.get_text()
    assert english.select_one("a")["href"] == "/lien-he/gui/"

    before = counts()
    load_contact_demo(city, lechan)
    assert counts() == before
